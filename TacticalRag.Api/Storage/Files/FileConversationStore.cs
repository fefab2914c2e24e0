using System.Text.Json;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Conversations;

namespace TacticalRag.Api.Storage.Files;

/// <summary>
/// Conversations as files in <c>conversations/</c>, each with the moment it expires; each save renews it. An expired
/// conversation reads as missing and its file is removed when it is next asked for.
/// </summary>
public sealed class FileConversationStore : IConversationStore
{
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

    public async Task<Conversation?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!StorageIds.IsSafe(id))
        {
            return null;
        }
        await _gate.WaitAsync(cancellationToken);
        try
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
        finally
        {
            _gate.Release();
        }
    }

    public async Task SaveAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        StorageIds.EnsureSafe(conversation.Id, "conversation");
        var stored = new StoredConversation(_time.GetUtcNow() + _ttl, conversation);
        var json = JsonSerializer.SerializeToUtf8Bytes(stored, StorageJson.Default.StoredConversation);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await AtomicFile.WriteAsync(PathOf(conversation.Id), json, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        // An expired conversation is already gone as far as callers can tell.
        if (await GetAsync(id, cancellationToken) is null)
        {
            return false;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var path = PathOf(id);
            var existed = File.Exists(path);
            File.Delete(path);
            return existed;
        }
        finally
        {
            _gate.Release();
        }
    }

    private string PathOf(string id) => Path.Combine(_folder, id + ".json");
}
