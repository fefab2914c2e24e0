using System.Text.Json;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Conversations;

namespace TacticalRag.Api.Storage.Files;

/// <summary>
/// Conversations as files in <c>conversations/</c>, each with the moment it expires; each save renews it. An expired
/// conversation reads as missing; its file is removed when it is next asked for or by the periodic sweep
/// (<see cref="FileConversationSweeper"/>), so conversations nobody returns to do not pile up. One lock serialises every
/// read and write, which is what makes <see cref="UpdateAsync"/> atomic (one API process owns the folder).
/// </summary>
internal sealed class FileConversationStore : IConversationStore
{
    private const string Extension = ".json";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _folder;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;

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
            return existed;
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
            return null;
        }
        return stored.Conversation;
    }

    private Task WriteAsync(Conversation conversation, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(PathOf(conversation.Id),
            JsonSerializer.SerializeToUtf8Bytes(new StoredConversation(_time.GetUtcNow() + _ttl, conversation), StorageJson.Default.StoredConversation),
            cancellationToken);

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
