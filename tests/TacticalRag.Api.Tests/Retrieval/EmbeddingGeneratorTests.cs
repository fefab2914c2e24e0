using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Embeddings;

namespace TacticalRag.Api.Tests.Retrieval;

/// <summary>The registered embedding pipelines: the default model, real; chunks uncached, queries behind a bounded in-process cache.</summary>
public sealed class EmbeddingGeneratorTests : IDisposable
{
    private readonly CountingCache _cache = new();
    private readonly ServiceProvider _services;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;

    public EmbeddingGeneratorTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<IDistributedCache>(_cache);
        services.AddEmbeddings();
        _services = services.BuildServiceProvider();
        _embedder = _services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
    }

    [Fact]
    public async Task MakesUnitVectorsOf384DimensionsNamedForTheModel()
    {
        var embeddings = await _embedder.GenerateAsync(["The radio check is hourly.", ""]);

        Assert.Equal(2, embeddings.Count);
        Assert.All(embeddings, e =>
        {
            Assert.Equal(384, e.Vector.Length);
            Assert.Equal(1f, TensorPrimitives.Norm(e.Vector.Span), 3);
            Assert.Equal(EmbeddingOptions.DefaultModel.Name, e.ModelId);
        });
        var metadata = _embedder.GetService<EmbeddingGeneratorMetadata>();
        Assert.Equal((EmbeddingOptions.DefaultModel.Name, 384), (metadata?.DefaultModelId, metadata?.DefaultModelDimensions));
    }

    [Fact]
    public async Task ALargeRequestIsEmbeddedInBatchesAndKeepsItsOrder()
    {
        var texts = Enumerable.Range(0, SentenceEncoderEmbeddingGenerator.BatchSize * 2 + 5).Select(i => $"Passage number {i} about topic {i % 7}.").ToArray();

        var all = await _embedder.GenerateAsync(texts);
        var last = await _services.GetRequiredService<SentenceEncoderEmbeddingGenerator>().GenerateAsync([texts[^1]]);

        Assert.Equal(texts.Length, all.Count);
        Assert.Equal(last[0].Vector.ToArray(), all[^1].Vector.ToArray());
    }

    [Fact]
    public async Task ChunkEmbeddingsLeaveNothingInTheDistributedCache()
    {
        await _embedder.GenerateAsync(["Ground the antenna before transmitting.", "A new sentence."]);
        await _embedder.GenerateAsync(["Ground the antenna before transmitting."]);

        Assert.Equal(0, _cache.Writes);
    }

    [Fact]
    public async Task TheSameQueryIsEmbeddedOnceThenServedFromTheBoundedQueryCache()
    {
        var queries = _services.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(EmbeddingsServiceCollectionExtensions.QueryGeneratorKey);
        var queryCache = queries.GetService<QueryEmbeddingCache>()!;

        var first = await queries.GenerateAsync(["Ground the antenna before transmitting."]);
        var held = queryCache.Count;
        var second = await queries.GenerateAsync(["Ground the antenna before transmitting.", "A new sentence."]);

        Assert.Equal((1, 2), (held, queryCache.Count));
        Assert.Equal(first[0].Vector.ToArray(), second[0].Vector.ToArray());
        Assert.Equal(0, _cache.Writes);
    }

    [Fact]
    public async Task ConcurrentQueriesAndBulkRequestsAllGetTheirOwnVectors()
    {
        var generator = _services.GetRequiredService<SentenceEncoderEmbeddingGenerator>();
        var bulk = Enumerable.Range(0, 40).Select(i => $"Bulk chunk {i} on convoy discipline.").ToArray();
        var expected = await generator.GenerateAsync(["What is the convoy speed?"]);

        var bulkTask = generator.GenerateAsync(bulk);
        var queries = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => generator.GenerateAsync(["What is the convoy speed?"])));
        var bulkResult = await bulkTask;

        Assert.Equal(40, bulkResult.Count);
        Assert.All(queries, q => Assert.Equal(expected[0].Vector.ToArray(), q[0].Vector.ToArray()));
    }

    public void Dispose() => _services.Dispose();

    /// <summary>A memory cache that counts writes, to see what reached the model.</summary>
    private sealed class CountingCache : IDistributedCache
    {
        private readonly MemoryDistributedCache _inner = new(Options.Create(new MemoryDistributedCacheOptions()));
        private int _writes;

        public int Writes => _writes;

        public byte[]? Get(string key) => _inner.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => _inner.GetAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
        {
            Interlocked.Increment(ref _writes);
            _inner.Set(key, value, options);
        }

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            Interlocked.Increment(ref _writes);
            return _inner.SetAsync(key, value, options, token);
        }

        public void Refresh(string key) => _inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => _inner.RefreshAsync(key, token);

        public void Remove(string key) => _inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => _inner.RemoveAsync(key, token);
    }
}
