using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Storage;
using TacticalRag.Api.Storage.Files;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.Storage;

public sealed class FileConversationStoreTests : ConversationStoreContract
{
    private readonly DirectoryInfo _dataPath = Directory.CreateTempSubdirectory("trag-conversations-");

    protected override Task<IConversationStore> OpenStoreAsync(TimeSpan ttl) => Task.FromResult<IConversationStore>(Open(ttl, TimeProvider.System));

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

    [Fact]
    public async Task TheSweeperRemovesExpiredConversationFilesNobodyAsksForAgain()
    {
        var clock = new ManualClock(LibrarySamples.Monday);
        var store = Open(TimeSpan.FromHours(1), clock);
        await store.SaveAsync(ConversationSamples.Conversation("abandoned"), CancellationToken.None);
        clock.Now += TimeSpan.FromMinutes(40);
        await store.SaveAsync(ConversationSamples.Conversation("recent"), CancellationToken.None);
        clock.Now += TimeSpan.FromMinutes(30);
        var sweeper = new FileConversationSweeper(store, Options.Create(new ConversationStorageOptions()), clock,
            NullLogger<FileConversationSweeper>.Instance);

        await sweeper.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.ReturnsAsync(() => Task.FromResult(ConversationFiles()), files => !files.Contains("abandoned.json"),
                "the expired conversation's file is swept", TimeSpan.FromSeconds(10));
        }
        finally
        {
            await sweeper.StopAsync(CancellationToken.None);
        }

        Assert.Equal(["recent.json"], ConversationFiles());
        Assert.NotNull(await store.GetAsync("recent", CancellationToken.None));
    }

    private string[] ConversationFiles() =>
        Directory.GetFiles(Path.Combine(_dataPath.FullName, "conversations")).Select(Path.GetFileName).OfType<string>().ToArray();

    private FileConversationStore Open(TimeSpan ttl, TimeProvider clock) =>
        new FileConversationStore(StoreFactory.Options(dataPath: _dataPath.FullName), Options.Create(new ConversationStorageOptions { Ttl = ttl }), clock);

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
