using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;

namespace TacticalRag.Bench.Suites.Eval;

/// <summary>
/// The evaluation's embedding cache: in memory, loaded from and saved to one file, so a second run over the same set
/// and model skips the minutes of embedding. Entries never expire; delete the file to start over.
/// </summary>
public sealed class FileEmbeddingCache(string path) : IDistributedCache
{
    private readonly ConcurrentDictionary<string, byte[]> _entries = Load(path);
    private int _added;

    public byte[]? Get(string key) => _entries.GetValueOrDefault(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Get(key));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        if (_entries.TryAdd(key, value))
        {
            Interlocked.Increment(ref _added);
        }
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Set(key, value, options);
        return Task.CompletedTask;
    }

    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => _entries.TryRemove(key, out _);

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Writes the entries back when any were added, with those another evaluation saved meanwhile (two runs over
    /// different sets at once keep each other's work).
    /// </summary>
    public void Save()
    {
        if (_added == 0)
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        foreach (var (key, value) in Load(path))
        {
            _entries.TryAdd(key, value);
        }
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(_entries.Count);
            foreach (var (key, value) in _entries)
            {
                writer.Write(key);
                writer.Write(value.Length);
                writer.Write(value);
            }
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static ConcurrentDictionary<string, byte[]> Load(string path)
    {
        var entries = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return entries;
        }
        using var reader = new BinaryReader(File.OpenRead(path));
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var key = reader.ReadString();
            entries[key] = reader.ReadBytes(reader.ReadInt32());
        }
        return entries;
    }
}
