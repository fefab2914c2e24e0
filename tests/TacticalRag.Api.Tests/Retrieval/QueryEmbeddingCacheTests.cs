using Microsoft.Extensions.AI;
using TacticalRag.Api.Embeddings;

namespace TacticalRag.Api.Tests.Retrieval;

/// <summary>The query embedding cache holds a bounded number of queries, each for a sliding time-to-live.</summary>
public sealed class QueryEmbeddingCacheTests
{
    private readonly CountingEncoder _encoder = new();
    private readonly ManualClock _clock = new();

    [Fact]
    public async Task AQueryAskedAgainWithinItsTimeToLiveIsNotEmbeddedAgain()
    {
        using var cache = Cache(maxEntries: 10, ttl: TimeSpan.FromMinutes(10));

        for (var i = 0; i < 5; i++)
        {
            await cache.GenerateAsync(["What is the convoy speed?"]);
            _clock.Now += TimeSpan.FromMinutes(9);
        }

        Assert.Equal(1, _encoder.Calls);
    }

    [Fact]
    public async Task AQueryNotAskedAgainWithinItsTimeToLiveIsEmbeddedAfresh()
    {
        using var cache = Cache(maxEntries: 10, ttl: TimeSpan.FromMinutes(10));
        await cache.GenerateAsync(["What is the convoy speed?"]);

        _clock.Now += TimeSpan.FromMinutes(11);
        await cache.GenerateAsync(["What is the convoy speed?"]);

        Assert.Equal(2, _encoder.Calls);
    }

    [Fact]
    public async Task TheCacheNeverHoldsMoreQueriesThanItsBound()
    {
        using var cache = Cache(maxEntries: 5, ttl: TimeSpan.FromHours(1));

        for (var i = 0; i < 50; i++)
        {
            await cache.GenerateAsync([$"Distinct question number {i}?"]);
            Assert.InRange(cache.Count, 0, 5);
        }
    }

    private QueryEmbeddingCache Cache(int maxEntries, TimeSpan ttl) =>
        new(_encoder, new QueryEmbeddingCacheOptions { MaxEntries = maxEntries, Ttl = ttl }, _clock);

    private sealed class CountingEncoder : IEmbeddingGenerator<string, Embedding<float>>
    {
        private int _calls;

        public int Calls => _calls;

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(new[] { (float)v.Length }))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
