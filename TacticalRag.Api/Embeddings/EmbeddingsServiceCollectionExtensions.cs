using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TacticalRag.ServiceDefaults;

namespace TacticalRag.Api.Embeddings;

public static class EmbeddingsServiceCollectionExtensions
{
    /// <summary>
    /// The configured <see cref="EmbeddingModel"/> (section <c>Embeddings</c>) and
    /// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>: that model in-process behind a cache keyed by a
    /// hash of the text and the model's name, with OpenTelemetry on the real encoder calls. Needs an
    /// <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/> (Redis, or memory without one).
    /// </summary>
    public static IServiceCollection AddEmbeddings(this IServiceCollection services)
    {
        services.AddOptions<EmbeddingOptions>()
            .BindConfiguration(EmbeddingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(provider => EmbeddingModel.Find(provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value.Model)!);
        services.TryAddSingleton(provider => new SentenceEncoderEmbeddingGenerator(provider.GetRequiredService<EmbeddingModel>()));
        services.AddEmbeddingGenerator(provider => provider.GetRequiredService<SentenceEncoderEmbeddingGenerator>())
            .Use((inner, provider) => new DistributedCachingEmbeddingGenerator<string, Embedding<float>>(
                inner, provider.GetRequiredService<Microsoft.Extensions.Caching.Distributed.IDistributedCache>())
            {
                CacheKeyAdditionalValues = [provider.GetRequiredService<EmbeddingModel>().Name],
            })
            .UseOpenTelemetry(sourceName: TacticalRagTelemetry.Name);
        return services;
    }
}
