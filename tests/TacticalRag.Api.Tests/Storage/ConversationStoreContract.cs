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

    private static Conversation WithTurn(Conversation? current, string id, string question) =>
        (current ?? Conversation(id, turns: 0)) with
        {
            Turns = [.. current?.Turns ?? [], new ConversationTurn(question, question, "An answer [1].", "vllm", ["abc-00001"], DateTimeOffset.UtcNow)],
        };
}
