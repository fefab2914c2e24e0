using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TacticalRag.Api.Conversations;

namespace TacticalRag.Api.Storage.Redis;

/// <summary>
/// Conversations as JSON strings whose TTL each save renews; Redis forgets the untouched ones itself. Each owner's
/// conversations are also in a sorted set by last update (<see cref="RedisKeys.OwnerConversations"/>), written in the
/// same transaction as the conversation, for the list.
/// </summary>
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
        var transaction = _db.CreateTransaction();
        Write(transaction, conversation);
        await transaction.ExecuteAsync();
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
            Write(transaction, changed);
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
        var key = _keys.Conversation(id);
        var stored = await _db.StringGetAsync(key);
        var transaction = _db.CreateTransaction();
        var deleted = transaction.KeyDeleteAsync(key);
        if (Parse(stored)?.Owner is { } owner)
        {
            _ = transaction.SortedSetRemoveAsync(_keys.OwnerConversations(owner), id);
        }
        await transaction.ExecuteAsync();
        return await deleted;
    }

    /// <summary>
    /// First drops the ids whose conversation has expired, so the page and the total count only live ones: only a
    /// conversation last updated more than a time-to-live ago can have expired (renaming renews the key but not the
    /// score, so those are checked, not assumed gone).
    /// </summary>
    public async Task<ConversationPage> ListAsync(string owner, int offset, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var index = _keys.OwnerConversations(owner);
        var cutoff = DateTimeOffset.UtcNow.Add(-options.Value.Ttl).ToUnixTimeMilliseconds();
        var old = await _db.SortedSetRangeByScoreAsync(index, double.NegativeInfinity, cutoff);
        if (old.Length > 0)
        {
            var exists = await Task.WhenAll(old.Select(id => _db.KeyExistsAsync(_keys.Conversation(id!))));
            var gone = old.Where((_, i) => !exists[i]).ToArray();
            if (gone.Length > 0)
            {
                await _db.SortedSetRemoveAsync(index, gone);
            }
        }
        var total = await _db.SortedSetLengthAsync(index);
        var ids = await _db.SortedSetRangeByRankAsync(index, offset, offset + (long)limit - 1, Order.Descending);
        var bodies = ids.Length == 0 ? [] : await _db.StringGetAsync([.. ids.Select(id => _keys.Conversation(id!))]);
        // A conversation that expired or was deleted between the two reads is left out of this page.
        var items = bodies.Select(Parse).OfType<Conversation>().Select(ConversationListItem.Of).ToList();
        return new ConversationPage(items, offset, limit, (int)Math.Min(total, int.MaxValue));
    }

    private void Write(ITransaction transaction, Conversation conversation)
    {
        var ttl = options.Value.Ttl;
        _ = transaction.StringSetAsync(_keys.Conversation(conversation.Id), Serialize(conversation), ttl);
        if (conversation.Owner is { } owner)
        {
            var index = _keys.OwnerConversations(owner);
            _ = transaction.SortedSetAddAsync(index, conversation.Id, conversation.UpdatedUtc.ToUnixTimeMilliseconds());
            // The list outlives each of its conversations: every write of one pushes its expiry back as far as theirs.
            _ = transaction.KeyExpireAsync(index, ttl);
        }
    }

    private static byte[] Serialize(Conversation conversation) =>
        JsonSerializer.SerializeToUtf8Bytes(conversation, StorageJson.Default.Conversation);

    private static Conversation? Parse(RedisValue json) =>
        json.IsNull ? null : JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)json).Span, StorageJson.Default.Conversation);
}
