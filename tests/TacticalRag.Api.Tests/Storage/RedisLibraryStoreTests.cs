using StackExchange.Redis;
using TacticalRag.Api.Library;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>The library contract on a real redis-server; each test under its own key prefix, on its own connections.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisLibraryStoreTests(RedisServer redis) : LibraryStoreContract
{
    private readonly string _keyPrefix = StoreFactory.NewKeyPrefix();
    private readonly List<ConnectionMultiplexer> _connections = [];

    protected override async Task<ILibraryStore> OpenStoreAsync()
    {
        // A new connection per store, as a restarted replica would have.
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        _connections.Add(connection);
        return StoreFactory.Redis(connection, _keyPrefix);
    }

    public override async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }
}
