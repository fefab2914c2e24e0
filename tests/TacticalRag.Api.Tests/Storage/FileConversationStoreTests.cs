using Microsoft.Extensions.Options;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Storage;
using TacticalRag.Api.Storage.Files;

namespace TacticalRag.Api.Tests.Storage;

public sealed class FileConversationStoreTests : ConversationStoreContract
{
    private readonly DirectoryInfo _dataPath = Directory.CreateTempSubdirectory("trag-conversations-");

    protected override Task<IConversationStore> OpenStoreAsync(TimeSpan ttl) => Task.FromResult(Open(ttl, TimeProvider.System));

    public override Task DisposeAsync()
    {
        _dataPath.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EachSaveRenewsTheTimeToLiveAndAnExpiredFileIsRemovedWhenAskedFor()
    {
        var clock = new ManualClock(LibrarySamples.Monday);
        var store = Open(TimeSpan.FromHours(1), clock);
        var conversation = ConversationSamples.Conversation("renewed");
        await store.SaveAsync(conversation, CancellationToken.None);

        clock.Now += TimeSpan.FromMinutes(50);
        await store.SaveAsync(conversation, CancellationToken.None);
        clock.Now += TimeSpan.FromMinutes(50);
        Assert.NotNull(await store.GetAsync("renewed", CancellationToken.None));

        clock.Now += TimeSpan.FromMinutes(11);
        Assert.Null(await store.GetAsync("renewed", CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(_dataPath.FullName, "conversations", "renewed.json")));
    }

    private IConversationStore Open(TimeSpan ttl, TimeProvider clock) =>
        new FileConversationStore(StoreFactory.Options(dataPath: _dataPath.FullName), Options.Create(new ConversationStorageOptions { Ttl = ttl }), clock);

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
