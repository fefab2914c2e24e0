using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using TacticalRag.Api.Library;
using TacticalRag.Api.Storage;
using TacticalRag.Api.Storage.Redis;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Storage;
using static TacticalRag.Api.Tests.Consistency.ReadinessTests;
using static TacticalRag.Api.Tests.Storage.LibrarySamples;

namespace TacticalRag.Api.Tests.Consistency;

/// <summary>
/// A replica whose view of the change stream cannot be trusted (it fell behind a trimmed stream, or Redis came back
/// empty) reloads the library instead of serving what it had.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ReplicaReloadTests(RedisServer redis)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AReplicaLeftBehindByATrimmedChangeStreamReloadsAndFindsWhatItMissed()
    {
        var prefix = StoreFactory.NewKeyPrefix();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var writer = Writer(connection, prefix);
        await using var replica = StartReplica(redis, prefix, services => services.AddSingleton<ILibraryStore>(provider =>
            new HoldableWatchStore(ActivatorUtilities.CreateInstance<RedisLibraryStore>(provider))));
        await UntilReadyAsync(replica);
        var watch = (HoldableWatchStore)replica.Services.GetRequiredService<ILibraryStore>();

        watch.Hold();
        await writer.TryAddDocumentAsync(Document(NewId()), [], None);
        await watch.Holding.WaitAsync(TimeSpan.FromSeconds(20));
        var missed = NewId();
        await writer.TryAddDocumentAsync(Document(missed), [Passage(missed, "Zebra crossings are marked at every checkpoint.")], None);
        var missedVersion = await writer.GetVersionAsync(None);
        for (var i = 0; i < 300; i++)
        {
            await writer.TryAddDocumentAsync(Document(NewId()), [], None);
        }
        var oldest = await connection.GetDatabase().StreamRangeAsync(prefix + "changes", "-", "+", count: 1);
        Assert.True((long)oldest[0]["version"] > missedVersion, "the stream was trimmed past the held replica");

        watch.Release();

        await Eventually.ReturnsAsync(() => TopDocumentAsync(replica.Client, "zebra crossings"), id => id == missed,
            "the replica finds the document whose change was trimmed away");
    }

    [Fact]
    public async Task AReplicaDropsTheLibraryOfARedisThatRestartedEmpty()
    {
        var server = new RedisServer();
        await server.InitializeAsync();
        try
        {
            var prefix = StoreFactory.NewKeyPrefix();
            await using var connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
            var writer = Writer(connection, prefix);
            await using var replica = StartReplica(server, prefix);
            await UntilReadyAsync(replica);
            var lost = NewId();
            await writer.TryAddDocumentAsync(Document(lost), [Passage(lost, "Zebra crossings are marked at every checkpoint.")], None);
            await Eventually.ReturnsAsync(() => TopDocumentAsync(replica.Client, "zebra crossings"), id => id == lost, "the replica finds the document");

            await server.StopAsync();
            await server.StartAsync();

            await Eventually.ReturnsAsync(() => TopDocumentAsync(replica.Client, "zebra crossings"), id => id is null,
                "the replica no longer serves a document the restarted Redis does not hold");
            Assert.Empty(await replica.Client.ListDocumentsAsync());
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static RedisLibraryStore Writer(IConnectionMultiplexer connection, string prefix) =>
        new(connection, Microsoft.Extensions.Options.Options.Create(new StorageOptions { KeyPrefix = prefix, ChangeStreamMaxLength = 10 }),
            NullLogger<RedisLibraryStore>.Instance);

    private static GatewayHost StartReplica(RedisServer server, string prefix, Action<IServiceCollection>? services = null) =>
        GatewayHost.Start(null, null, new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = server.ConnectionString,
            ["Storage:KeyPrefix"] = prefix,
            ["Storage:ChangePollInterval"] = "00:00:00.050",
            ["Storage:ChangeStreamMaxLength"] = "10",
            ["IndexSync:ConsistencyCheckInterval"] = "00:00:00.100",
        }, services);

    private static Task UntilReadyAsync(GatewayHost replica) =>
        Eventually.ReturnsAsync(async () => (await replica.Client.GetAsync("/health")).StatusCode, status => status == HttpStatusCode.OK, "the replica is ready");

    private static async Task<string?> TopDocumentAsync(HttpClient client, string query)
    {
        using var response = await client.PostAsync("/api/search", System.Net.Http.Json.JsonContent.Create(new { query, topK = 1 }));
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return "(reloading)";
        }
        var results = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("results");
        return results.GetArrayLength() == 0 ? null : results[0].GetProperty("documentId").GetString();
    }
}
