using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Embeddings;

/// <summary>
/// Caches query embeddings in this process, bounded in entries and kept for a sliding time-to-live. Embedding a query
/// takes milliseconds and a repeated question (the same one from many users, a follow-up, a retry) is common, so a
/// small local cache saves the encoder's time; a shared Redis cache would cost a round trip a query and leave a key for
/// every distinct question ever asked. Chunks are never cached: they are embedded once and stored with their document.
/// The cache lives as long as the process, so one model's vectors never meet another's (a model switch restarts it).
/// </summary>
internal sealed class QueryEmbeddingCache : CachingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly MemoryCache _cache;
    private readonly MemoryCacheEntryOptions _entryOptions;

    public QueryEmbeddingCache(IEmbeddingGenerator<string, Embedding<float>> inner, QueryEmbeddingCacheOptions options, TimeProvider time)
        : base(inner)
    {
        _cache = new MemoryCache(Options.Create(new MemoryCacheOptions { SizeLimit = options.MaxEntries, Clock = new Clock(time) }));
        _entryOptions = new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = options.Ttl };
    }

    /// <summary>Entries held now, expired ones not yet evicted included.</summary>
    internal int Count => _cache.Count;

    protected override string GetCacheKey(ReadOnlySpan<object?> values) => AIJsonUtilities.HashDataToString(values);

    protected override Task<Embedding<float>?> ReadCacheAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_cache.TryGetValue(key, out Embedding<float>? embedding) ? embedding : null);

    protected override Task WriteCacheAsync(string key, Embedding<float> value, CancellationToken cancellationToken)
    {
        _cache.Set(key, value, _entryOptions);
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _cache.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>MemoryCache still reads time through <see cref="ISystemClock"/>; this lets tests move it.</summary>
    private sealed class Clock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
