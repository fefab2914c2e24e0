using Microsoft.Extensions.AI;

namespace TacticalRag.Bench.Suites.Retrieval;

/// <summary>An embedder that returns random unit vectors at once: the index's own search time, without the model's.</summary>
public sealed class RandomQueryEmbeddings(SyntheticLibrary library) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Lock _lock = new();

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(_ => new Embedding<float>(library.UnitVector()))));
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
