using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TacticalRag.Api.ModelServerKit;
using TacticalRag.ServiceDefaults;

namespace TacticalRag.Api.Embeddings;

public static class EmbeddingsServiceCollectionExtensions
{
    /// <summary>The service key of the generator for search queries (the unkeyed one is for chunks).</summary>
    public const string QueryGeneratorKey = "query";

    /// <summary>
    /// The configured <see cref="EmbeddingModel"/> (section <c>Embeddings</c>): in-process, or on a model server
    /// (<c>Embeddings:Provider</c> ollama or openai, with its health probe and <c>/health</c> entry), as two
    /// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> with OpenTelemetry on the real calls: the unkeyed
    /// one uncached, for chunks (each is embedded once and its vector stored with its document, so nothing of a deleted
    /// document lingers in a cache), and the one keyed <see cref="QueryGeneratorKey"/> behind the bounded
    /// <see cref="QueryEmbeddingCache"/> (section <c>Embeddings:QueryCache</c>), for search queries. Also the
    /// <see cref="EmbeddingCoverage"/> the model reads (<c>Embeddings:Languages</c>, or the model's own).
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
        services.TryAddSingleton(provider => ConfiguredEmbeddingModel.From(provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value));
        services.TryAddSingleton(provider => provider.GetRequiredService<EmbeddingModel>().Coverage);
        services.TryAddSingleton(provider => new SentenceEncoderEmbeddingGenerator(provider.GetRequiredService<EmbeddingModel>()));

        services.AddServedEmbeddings();
        services.AddEmbeddingGenerator(provider => Generator(provider, forQueries: false))
            .UseOpenTelemetry(sourceName: TacticalRagTelemetry.Name);
        services.AddKeyedEmbeddingGenerator(QueryGeneratorKey, provider => Generator(provider, forQueries: true))
            .Use((inner, provider) => new QueryEmbeddingCache(
                inner, provider.GetRequiredService<IOptions<QueryEmbeddingCacheOptions>>().Value, provider.GetRequiredService<TimeProvider>()))
            .UseOpenTelemetry(sourceName: TacticalRagTelemetry.Name);
        return services;
    }

    private static IEmbeddingGenerator<string, Embedding<float>> Generator(IServiceProvider provider, bool forQueries) =>
        provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value.IsServed
            ? provider.GetRequiredService<ServedEmbeddingClients>().Create(forQueries)
            : provider.GetRequiredService<SentenceEncoderEmbeddingGenerator>();

    /// <summary>The embedding server's HTTP client, state, health probe and <c>/health</c> entry (idle for <c>onnx</c>).</summary>
    private static void AddServedEmbeddings(this IServiceCollection services)
    {
        // No retries and no standard timeouts: each call bounds itself (Embeddings:Timeout, :QueryTimeout), ingestion
        // retries with its own backoff and a search ranks by keywords instead. Service discovery resolves http://embeddings.
        var http = services.AddHttpClient(ServedEmbeddingClients.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
#pragma warning disable EXTEXP0001 // The documented way to remove the defaults for one client; no stable alternative exists.
        http.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.TryAddSingleton<ServedEmbeddingClients>();
        services.AddModelServer<EmbeddingServerState>("embedding server",
            provider => ServedEmbeddingClients.Probe(provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value));
    }
}
