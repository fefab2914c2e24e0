using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TacticalRag.ServiceDefaults;

namespace TacticalRag.Api.Embeddings;

public static class EmbeddingsServiceCollectionExtensions
{
    /// <summary>
    /// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>: all-MiniLM-L6-v2 in-process behind a cache keyed by
    /// a hash of the text (and the model id), with OpenTelemetry on the real encoder calls. Needs an
    /// <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/> (Redis, or memory without one).
    /// </summary>
    public static IServiceCollection AddEmbeddings(this IServiceCollection services)
    {
        services.TryAddSingleton<MiniLmEmbeddingGenerator>();
        services.AddEmbeddingGenerator(provider => provider.GetRequiredService<MiniLmEmbeddingGenerator>())
            .UseDistributedCache(configure: cache => cache.CacheKeyAdditionalValues = [MiniLmEmbeddingGenerator.ModelId])
            .UseOpenTelemetry(sourceName: TacticalRagTelemetry.Name);
        return services;
    }
}
