using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Storage;
using TacticalRag.Api.Storage.Redis;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.Storage;

[Collection(RedisCollection.Name)]
public sealed class RedisConversationStoreTests(RedisServer redis) : ConversationStoreContract
{
    private readonly string _keyPrefix = StoreFactory.NewKeyPrefix();
    private readonly List<ConnectionMultiplexer> _connections = [];

    protected override async Task<IConversationStore> OpenStoreAsync(TimeSpan ttl)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        _connections.Add(connection);
        return new RedisConversationStore(connection, StoreFactory.Options(keyPrefix: _keyPrefix), Options.Create(new ConversationStorageOptions { Ttl = ttl }));
    }

    public override async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task EachSaveRenewsTheKeysTimeToLive()
    {
        var store = await OpenStoreAsync(TimeSpan.FromHours(1));
        var conversation = ConversationSamples.Conversation(Guid.NewGuid().ToString("N"));
        await store.SaveAsync(conversation, CancellationToken.None);
        var key = _keyPrefix + "conversation:" + conversation.Id;
        var db = _connections[0].GetDatabase();
        await db.KeyExpireAsync(key, TimeSpan.FromMinutes(1));

        await store.SaveAsync(conversation, CancellationToken.None);

        Assert.InRange((await db.KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
    }
}
