using StackExchange.Redis;
using TacticalRag.Api.Library;
using TacticalRag.Api.Tests.Infrastructure;
using static TacticalRag.Api.Tests.Storage.LibrarySamples;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>Two replicas, each with its own connection, following one library through the change stream.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisReplicaTests(RedisServer redis) : IAsyncLifetime
{
    private readonly string _keyPrefix = StoreFactory.NewKeyPrefix();
    private ConnectionMultiplexer _first = null!;
    private ConnectionMultiplexer _second = null!;

    public async Task InitializeAsync()
    {
        _first = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        _second = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task EachReplicaSeesTheOthersUploadsAndDeletes()
    {
        var replicaA = StoreFactory.Redis(_first, _keyPrefix);
        var replicaB = StoreFactory.Redis(_second, _keyPrefix);
        await using var watchA = new ChangeWatch(replicaA);
        await using var watchB = new ChangeWatch(replicaB);
        // Each replica's own first change proves its watch has a starting point before the other replica writes.
        await SettleAsync(replicaA, watchA);
        await SettleAsync(replicaB, watchB);

        var uploaded = NewId();
        await replicaA.TryAddDocumentAsync(Document(uploaded), Chunks(uploaded, 2), CancellationToken.None);
        var added = await watchB.UntilAsync(c => c.DocumentId == uploaded, "B to see A's upload");
        Assert.Equal(LibraryChangeKind.DocumentAdded, added.Kind);
        Assert.Equal(Chunks(uploaded, 2), await replicaB.GetChunksAsync(uploaded, CancellationToken.None));

        await replicaB.DeleteDocumentAsync(uploaded, CancellationToken.None);
        var deleted = await watchA.UntilAsync(c => c.DocumentId == uploaded && c.Kind != LibraryChangeKind.DocumentAdded, "A to see B's delete");
        Assert.Equal(LibraryChangeKind.DocumentDeleted, deleted.Kind);
        Assert.Null(await replicaA.GetDocumentAsync(uploaded, CancellationToken.None));
        Assert.Equal(await replicaA.GetVersionAsync(CancellationToken.None), deleted.Version);
    }

    [Fact]
    public async Task AWatchCarriesOnAfterRedisWasBrieflyAway()
    {
        // A server of this test's own, since it is stopped half way.
        var server = new RedisServer();
        await server.InitializeAsync();
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
            var store = StoreFactory.Redis(connection, _keyPrefix);
            await using var watch = new ChangeWatch(store);
            await SettleAsync(store, watch);

            await server.StopAsync();
            await server.StartAsync();
            var afterOutage = NewId();
            await Eventually.ReturnsAsync(
                () => AddIgnoringOutageAsync(store, afterOutage), added => added, "the store can write again");

            var change = await watch.UntilAsync(c => c.DocumentId == afterOutage, "the change made after the outage");
            Assert.Equal(LibraryChangeKind.DocumentAdded, change.Kind);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task SettleAsync(ILibraryStore store, ChangeWatch watch)
    {
        var id = NewId();
        await store.TryAddDocumentAsync(Document(id), [], CancellationToken.None);
        await watch.UntilAsync(c => c.DocumentId == id, "the replica's own first change");
    }

    private static async Task<bool> AddIgnoringOutageAsync(ILibraryStore store, string id)
    {
        try
        {
            return await store.TryAddDocumentAsync(Document(id), [], CancellationToken.None)
                || await store.GetDocumentAsync(id, CancellationToken.None) is not null;
        }
        catch (RedisException)
        {
            return false;
        }
    }
}
