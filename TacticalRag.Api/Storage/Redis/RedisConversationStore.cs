using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TacticalRag.Api.Conversations;

namespace TacticalRag.Api.Storage.Redis;

/// <summary>Conversations as JSON strings whose TTL each save renews; Redis forgets the untouched ones itself.</summary>
public sealed class RedisConversationStore(
    IConnectionMultiplexer redis,
    IOptions<StorageOptions> storage,
    IOptions<ConversationStorageOptions> options) : IConversationStore
{
    private readonly IDatabase _db = redis.GetDatabase();
    private readonly RedisKeys _keys = new(storage.Value.KeyPrefix);

    public async Task<Conversation?> GetAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var json = await _db.StringGetAsync(_keys.Conversation(id));
        return json.IsNull ? null : JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)json).Span, StorageJson.Default.Conversation);
    }

    public async Task SaveAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var json = JsonSerializer.SerializeToUtf8Bytes(conversation, StorageJson.Default.Conversation);
        await _db.StringSetAsync(_keys.Conversation(conversation.Id), json, options.Value.Ttl);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await _db.KeyDeleteAsync(_keys.Conversation(id));
    }
}
