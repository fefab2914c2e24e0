using TacticalRag.Api.Conversations;
using TacticalRag.Api.Tests.Infrastructure;
using static TacticalRag.Api.Tests.Storage.ConversationSamples;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>What every <see cref="IConversationStore"/> must do; each implementation's test class runs all of it.</summary>
public abstract class ConversationStoreContract : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A new store instance over this test's data, keeping conversations for <paramref name="ttl"/>.</summary>
    protected abstract Task<IConversationStore> OpenStoreAsync(TimeSpan ttl);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SavedConversationReadsBackWhole()
    {
        var store = await OpenStoreAsync(TimeSpan.FromDays(7));
        var conversation = Conversation(Guid.NewGuid().ToString("N"), turns: 3);

        await store.SaveAsync(conversation, None);

        Assert.Equal(Json(conversation), Json(await store.GetAsync(conversation.Id, None)));
    }

    [Fact]
    public async Task TheOwnerIsKeptThroughUpdatesAndAnOwnerlessConversationStaysOwnerless()
    {
        var store = await OpenStoreAsync(TimeSpan.FromDays(7));
        var owned = Conversation(Guid.NewGuid().ToString("N"), turns: 1) with { Owner = "user:alice" };
        var legacy = Conversation(Guid.NewGuid().ToString("N"), turns: 1);
        await store.SaveAsync(owned, None);
        await store.SaveAsync(legacy, None);

        await store.UpdateAsync(owned.Id, c => c! with { Summary = "changed" }, None);

        Assert.Equal("user:alice", (await store.GetAsync(owned.Id, None))!.Owner);
        Assert.Null((await store.GetAsync(legacy.Id, None))!.Owner);
    }

    [Fact]
    public async Task SavingAgainReplacesTheConversation()
    {
        var store = await OpenStoreAsync(TimeSpan.FromDays(7));
        var id = Guid.NewGuid().ToString("N");
        await store.SaveAsync(Conversation(id, turns: 1), None);

        await store.SaveAsync(Conversation(id, turns: 2), None);

        Assert.Equal(2, (await store.GetAsync(id, None))!.Turns.Count);
    }

    [Fact]
    public async Task DeletedConversationIsGone()
    {
        var store = await OpenStoreAsync(TimeSpan.FromDays(7));
        var conversation = Conversation(Guid.NewGuid().ToString("N"));
        await store.SaveAsync(conversation, None);

        Assert.True(await store.DeleteAsync(conversation.Id, None));

        Assert.Null(await store.GetAsync(conversation.Id, None));
        Assert.False(await store.DeleteAsync(conversation.Id, None));
    }

    [Fact]
    public async Task UnknownOrMalformedIdsReadAsMissing()
    {
        var store = await OpenStoreAsync(TimeSpan.FromDays(7));

        foreach (var id in new[] { Guid.NewGuid().ToString("N"), "../../etc/passwd", "" })
        {
            Assert.Null(await store.GetAsync(id, None));
            Assert.False(await store.DeleteAsync(id, None));
        }
    }

    [Fact]
    public async Task ConversationIsForgottenOnceItsTimeToLivePasses()
    {
        var store = await OpenStoreAsync(TimeSpan.FromSeconds(1));
        var conversation = Conversation(Guid.NewGuid().ToString("N"));

        await store.SaveAsync(conversation, None);

        Assert.NotNull(await store.GetAsync(conversation.Id, None));
        await Eventually.ReturnsAsync(
            () => store.GetAsync(conversation.Id, None), c => c is null, "the conversation has expired", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ConversationSurvivesANewStoreInstance()
    {
        var conversation = Conversation(Guid.NewGuid().ToString("N"));
        await (await OpenStoreAsync(TimeSpan.FromDays(7))).SaveAsync(conversation, None);

        var reopened = await OpenStoreAsync(TimeSpan.FromDays(7));

        Assert.Equal(Json(conversation), Json(await reopened.GetAsync(conversation.Id, None)));
    }

    [Fact]
    public async Task ManyConcurrentAppendsToOneConversationKeepEveryTurn()
    {
        var store = await OpenStoreAsync(TimeSpan.FromDays(7));
        var id = Guid.NewGuid().ToString("N");
        var questions = Enumerable.Range(1, 32).Select(i => $"Question {i}?").ToList();

        await Task.WhenAll(questions.Select(question => Task.Run(() => store.UpdateAsync(id, current => WithTurn(current, id, question), None))));

        var stored = await store.GetAsync(id, None);
        Assert.Equal(questions.Order(StringComparer.Ordinal), stored!.Turns.Select(t => t.Question).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnUpdateThatDeclinesLeavesTheConversationAsItWas()
    {
        var store = await OpenStoreAsync(TimeSpan.FromDays(7));
        var conversation = Conversation(Guid.NewGuid().ToString("N"));
        await store.SaveAsync(conversation, None);

        var returned = await store.UpdateAsync(conversation.Id, _ => null, None);

        Assert.Equal(Json(conversation), Json(returned));
        Assert.Equal(Json(conversation), Json(await store.GetAsync(conversation.Id, None)));
        Assert.Null(await store.UpdateAsync(Guid.NewGuid().ToString("N"), _ => null, None));
    }

    [Fact]
    public async Task AnOwnersListHoldsOnlyTheirLiveConversationsMostRecentlyUsedFirstInPages()
    {
        var store = await OpenStoreAsync(TimeSpan.FromDays(7));
        var now = DateTimeOffset.UtcNow;
        var alices = Enumerable.Range(1, 5).Select(i => Owned($"alice-{i}", "user:alice", now.AddMinutes(i - 10))).ToList();
        foreach (var conversation in alices)
        {
            await store.SaveAsync(conversation, None);
        }
        await store.SaveAsync(Owned("bob-1", "user:bob", now), None);
        await store.SaveAsync(Conversation("legacy-1") with { UpdatedUtc = now }, None);

        var first = await store.ListAsync("user:alice", 0, 2, None);
        var second = await store.ListAsync("user:alice", 2, 2, None);
        var last = await store.ListAsync("user:alice", 4, 2, None);
        var beyond = await store.ListAsync("user:alice", 10, 2, None);

        Assert.Equal(["alice-5", "alice-4"], first.Items.Select(i => i.Id));
        Assert.Equal(["alice-3", "alice-2"], second.Items.Select(i => i.Id));
        Assert.Equal(["alice-1"], last.Items.Select(i => i.Id));
        Assert.Empty(beyond.Items);
        Assert.All(new[] { first, second, last, beyond }, page => Assert.Equal(5, page.Total));
        Assert.Equal((2, 2), (second.Offset, second.Limit));
        Assert.Equal(["bob-1"], (await store.ListAsync("user:bob", 0, 10, None)).Items.Select(i => i.Id));
        Assert.Equal(0, (await store.ListAsync("user:carol", 0, 10, None)).Total);
    }

    [Fact]
    public async Task AListLineCarriesTheTitleOrElseTheFirstQuestionAndCountsEveryQuestion()
    {
        var store = await OpenStoreAsync(TimeSpan.FromDays(7));
        var now = DateTimeOffset.UtcNow;
        await store.SaveAsync(Owned("titled", "user:alice", now) with { Title = "Radio checks" }, None);
        await store.SaveAsync(Owned("untitled", "user:alice", now.AddMinutes(-1)), None);

        var items = (await store.ListAsync("user:alice", 0, 10, None)).Items;

        Assert.Equal(["Radio checks", "And the 1th check?"], items.Select(i => i.Title));
        Assert.Equal([2 + 4, 2 + 4], items.Select(i => i.Questions));
        Assert.Equal(LibrarySamples.Monday, items[0].CreatedUtc);
    }

    [Fact]
    public async Task UsingAConversationMovesItToTheTopAndDeletingOneTakesItOffTheList()
    {
        var store = await OpenStoreAsync(TimeSpan.FromDays(7));
        var now = DateTimeOffset.UtcNow;
        foreach (var i in Enumerable.Range(1, 3))
        {
            await store.SaveAsync(Owned($"c-{i}", "user:alice", now.AddMinutes(i - 10)), None);
        }

        await store.UpdateAsync("c-1", c => c! with { UpdatedUtc = now }, None);
        await store.DeleteAsync("c-2", None);

        var page = await store.ListAsync("user:alice", 0, 10, None);
        Assert.Equal(["c-1", "c-3"], page.Items.Select(i => i.Id));
        Assert.Equal(2, page.Total);
    }

    [Fact]
    public async Task AnExpiredConversationLeavesTheList()
    {
        var store = await OpenStoreAsync(TimeSpan.FromSeconds(1));
        await store.SaveAsync(Owned("short-lived", "user:alice", DateTimeOffset.UtcNow), None);

        Assert.Equal(1, (await store.ListAsync("user:alice", 0, 10, None)).Total);
        await Eventually.ReturnsAsync(
            () => store.ListAsync("user:alice", 0, 10, None), page => page.Total == 0 && page.Items.Count == 0, "the expired conversation left the list", TimeSpan.FromSeconds(10));
    }

    private static Conversation Owned(string id, string owner, DateTimeOffset updated) =>
        Conversation(id) with { Owner = owner, UpdatedUtc = updated };

    private static Conversation WithTurn(Conversation? current, string id, string question) =>
        (current ?? Conversation(id, turns: 0)) with
        {
            Turns = [.. current?.Turns ?? [], new ConversationTurn(question, question, "An answer [1].", "vllm", ["abc-00001"], DateTimeOffset.UtcNow)],
        };
}
