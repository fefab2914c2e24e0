using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TacticalRag.Api.Conversations;

namespace TacticalRag.Api.Storage.Redis;

/// <summary>Conversations as JSON strings whose TTL each save renews; Redis forgets the untouched ones itself.</summary>
internal sealed class RedisConversationStore(
    IConnectionMultiplexer redis,
    IOptions<StorageOptions> storage,
    IOptions<ConversationStorageOptions> options) : IConversationStore
{
    // Each round of concurrent writers lets at least one through, so this bounds the retries of any one of them.
    private const int MaxAttempts = 64;

    private readonly IDatabase _db = redis.GetDatabase();
    private readonly RedisKeys _keys = new(storage.Value.KeyPrefix);

    public async Task<Conversation?> GetAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Parse(await _db.StringGetAsync(_keys.Conversation(id)));
    }

    public async Task SaveAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _db.StringSetAsync(_keys.Conversation(conversation.Id), Serialize(conversation), options.Value.Ttl);
    }

    /// <summary>
    /// Optimistic concurrency: the write is a transaction conditioned on the key still holding what was read (Redis
    /// WATCH, MULTI, EXEC underneath), retried from a fresh read when another writer got there first.
    /// </summary>
    public async Task<Conversation?> UpdateAsync(string id, Func<Conversation?, Conversation?> change, CancellationToken cancellationToken)
    {
        var key = _keys.Conversation(id);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stored = await _db.StringGetAsync(key);
            var current = Parse(stored);
            if (change(current) is not { } changed)
            {
                return current;
            }
            var transaction = _db.CreateTransaction();
            transaction.AddCondition(stored.IsNull ? Condition.KeyNotExists(key) : Condition.StringEqual(key, stored));
            _ = transaction.StringSetAsync(key, Serialize(changed), options.Value.Ttl);
            if (await transaction.ExecuteAsync())
            {
                return changed;
            }
        }
        throw new InvalidOperationException($"Conversation {id} kept changing under {MaxAttempts} attempts to update it.");
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await _db.KeyDeleteAsync(_keys.Conversation(id));
    }

    private static byte[] Serialize(Conversation conversation) =>
        JsonSerializer.SerializeToUtf8Bytes(conversation, StorageJson.Default.Conversation);

    private static Conversation? Parse(RedisValue json) =>
        json.IsNull ? null : JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)json).Span, StorageJson.Default.Conversation);
}
