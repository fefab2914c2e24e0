using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TacticalRag.ServiceDefaults;

namespace TacticalRag.Api.Embeddings;

public static class EmbeddingsServiceCollectionExtensions
{
    /// <summary>The service key of the generator for search queries (the unkeyed one is for chunks).</summary>
    public const string QueryGeneratorKey = "query";

    /// <summary>
    /// The configured <see cref="EmbeddingModel"/> (section <c>Embeddings</c>) in-process, as two
    /// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> with OpenTelemetry on the real encoder calls:
    /// the unkeyed one uncached, for chunks (each is embedded once and its vector stored with its document, so nothing of a
    /// deleted document lingers in a cache), and the one keyed <see cref="QueryGeneratorKey"/> behind the bounded
    /// <see cref="QueryEmbeddingCache"/> (section <c>Embeddings:QueryCache</c>), for search queries.
    /// </summary>
    public static IServiceCollection AddEmbeddings(this IServiceCollection services)
    {
        services.AddOptions<EmbeddingOptions>()
            .BindConfiguration(EmbeddingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<QueryEmbeddingCacheOptions>()
            .BindConfiguration(QueryEmbeddingCacheOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => EmbeddingModel.Find(provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value.Model)!);
        services.TryAddSingleton(EmbeddingCoverage.EnglishOnly);
        services.TryAddSingleton(provider => new SentenceEncoderEmbeddingGenerator(provider.GetRequiredService<EmbeddingModel>()));
        services.AddEmbeddingGenerator(provider => provider.GetRequiredService<SentenceEncoderEmbeddingGenerator>())
            .UseOpenTelemetry(sourceName: TacticalRagTelemetry.Name);
        services.AddKeyedEmbeddingGenerator(QueryGeneratorKey, provider => provider.GetRequiredService<SentenceEncoderEmbeddingGenerator>())
            .Use((inner, provider) => new QueryEmbeddingCache(
                inner, provider.GetRequiredService<IOptions<QueryEmbeddingCacheOptions>>().Value, provider.GetRequiredService<TimeProvider>()))
            .UseOpenTelemetry(sourceName: TacticalRagTelemetry.Name);
        return services;
    }
}
