using System.Text.Json;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Conversations;

namespace TacticalRag.Api.Storage.Files;

/// <summary>
/// Conversations as files in <c>conversations/</c>, each with the moment it expires; each save renews it. An expired
/// conversation reads as missing; its file is removed when it is next asked for or by the periodic sweep
/// (<see cref="FileConversationSweeper"/>), so conversations nobody returns to do not pile up. One lock serialises every
/// read and write, which is what makes <see cref="UpdateAsync"/> atomic (one API process owns the folder). The list is
/// served from an index of every conversation's owner, list line and expiry, read from the files once, on the first
/// list, and kept up to date by every write and delete.
/// </summary>
internal sealed class FileConversationStore : IConversationStore
{
    private const string Extension = ".json";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _folder;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private Dictionary<string, Listed>? _listed;

    public FileConversationStore(IOptions<StorageOptions> storage, IOptions<ConversationStorageOptions> options, TimeProvider time)
    {
        _folder = Path.Combine(Path.GetFullPath(storage.Value.DataPath), "conversations");
        _ttl = options.Value.Ttl;
        _time = time;
        Directory.CreateDirectory(_folder);
    }

    public Task<Conversation?> GetAsync(string id, CancellationToken cancellationToken) =>
        StorageIds.IsSafe(id) ? LockedAsync(() => ReadAsync(id, cancellationToken), cancellationToken) : Task.FromResult<Conversation?>(null);

    public Task SaveAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        StorageIds.EnsureSafe(conversation.Id, "conversation");
        return LockedAsync(async () =>
        {
            await WriteAsync(conversation, cancellationToken);
            return conversation;
        }, cancellationToken);
    }

    public Task<Conversation?> UpdateAsync(string id, Func<Conversation?, Conversation?> change, CancellationToken cancellationToken)
    {
        StorageIds.EnsureSafe(id, "conversation");
        return LockedAsync(async () =>
        {
            var current = await ReadAsync(id, cancellationToken);
            if (change(current) is not { } changed)
            {
                return current;
            }
            await WriteAsync(changed, cancellationToken);
            return changed;
        }, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        StorageIds.IsSafe(id) && await LockedAsync(async () =>
        {
            // An expired conversation is already gone as far as callers can tell.
            var existed = await ReadAsync(id, cancellationToken) is not null;
            File.Delete(PathOf(id));
            _listed?.Remove(id);
            return existed;
        }, cancellationToken);

    public Task<ConversationPage> ListAsync(string owner, int offset, int limit, CancellationToken cancellationToken) =>
        LockedAsync(async () =>
        {
            _listed ??= await ReadIndexAsync(cancellationToken);
            var now = _time.GetUtcNow();
            var live = _listed.Values
                .Where(entry => entry.Owner == owner && entry.ExpiresUtc > now)
                .OrderByDescending(entry => entry.Item.UpdatedUtc)
                .ThenByDescending(entry => entry.Item.Id, StringComparer.Ordinal)
                .Select(entry => entry.Item)
                .ToList();
            return new ConversationPage([.. live.Skip(offset).Take(limit)], offset, limit, live.Count);
        }, cancellationToken);

    /// <summary>Removes the files of every expired conversation; returns how many.</summary>
    public async Task<int> SweepExpiredAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(_folder, "*" + Extension))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            // One file at a time under the lock, so asks are never held up behind a whole sweep.
            var expired = StorageIds.IsSafe(id) && await LockedAsync(async () => File.Exists(path) && await ReadAsync(id, cancellationToken) is null, cancellationToken);
            removed += expired ? 1 : 0;
        }
        return removed;
    }

    /// <summary>The live conversation, or null; an expired one's file is removed on the way.</summary>
    private async Task<Conversation?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        if (await AtomicFile.ReadAsync(PathOf(id), cancellationToken) is not { } json)
        {
            return null;
        }
        var stored = JsonSerializer.Deserialize(json, StorageJson.Default.StoredConversation);
        if (stored is null || stored.ExpiresUtc <= _time.GetUtcNow())
        {
            File.Delete(PathOf(id));
            _listed?.Remove(id);
            return null;
        }
        return stored.Conversation;
    }

    private async Task WriteAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var stored = new StoredConversation(_time.GetUtcNow() + _ttl, conversation);
        await AtomicFile.WriteAsync(PathOf(conversation.Id),
            JsonSerializer.SerializeToUtf8Bytes(stored, StorageJson.Default.StoredConversation), cancellationToken);
        _listed?[conversation.Id] = Listed.Of(stored);
    }

    /// <summary>Every live, owned conversation in the folder (under the lock: no write can come in between).</summary>
    private async Task<Dictionary<string, Listed>> ReadIndexAsync(CancellationToken cancellationToken)
    {
        var index = new Dictionary<string, Listed>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(_folder, "*" + Extension))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            if (!StorageIds.IsSafe(id) || await AtomicFile.ReadAsync(path, cancellationToken) is not { } json)
            {
                continue;
            }
            try
            {
                if (JsonSerializer.Deserialize(json, StorageJson.Default.StoredConversation) is { } stored)
                {
                    index[id] = Listed.Of(stored);
                }
            }
            catch (JsonException)
            {
                // A file that is not a conversation is in no list (reading it by id fails the same way as before).
            }
        }
        return index;
    }

    private sealed record Listed(string? Owner, DateTimeOffset ExpiresUtc, ConversationListItem Item)
    {
        public static Listed Of(StoredConversation stored) =>
            new(stored.Conversation.Owner, stored.ExpiresUtc, ConversationListItem.Of(stored.Conversation));
    }

    private async Task<T> LockedAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            _gate.Release();
        }
    }

    private string PathOf(string id) => Path.Combine(_folder, id + Extension);
}
