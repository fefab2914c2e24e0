using Microsoft.Extensions.DependencyInjection.Extensions;
using TacticalRag.Api.Languages;

namespace TacticalRag.Api.Retrieval;

public static class RetrievalServiceCollectionExtensions
{
    /// <summary>
    /// The replica's <see cref="SearchIndex"/> (empty: whoever owns the library fills it through <see cref="ISearchIndexWriter"/>), the planner, the hybrid
    /// retriever and its options (section <c>Retrieval</c>). Needs <c>AddEmbeddings()</c>; uses an
    /// <see cref="Microsoft.Extensions.AI.IChatClient"/> for query variants when one is registered.
    /// </summary>
    public static IServiceCollection AddRetrieval(this IServiceCollection services)
    {
        services.AddOptions<RetrievalOptions>()
            .BindConfiguration(RetrievalOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new SearchIndex(provider.GetRequiredService<Embeddings.EmbeddingModel>()));
        services.TryAddSingleton<ISearchIndexWriter>(provider => provider.GetRequiredService<SearchIndex>());
        // The embedded engine unless storage registered another (PostgreSQL searches in the database).
        services.TryAddSingleton<ISearchEngine>(provider => provider.GetRequiredService<SearchIndex>());
        // Ready at once unless a loader owns the index (Ingestion registers one that fills it from the library).
        // Only the registration is looked at, not the loader, which itself takes the readiness.
        services.TryAddSingleton(provider => provider.GetRequiredService<IServiceProviderIsService>().IsService(typeof(ISearchIndexLoader))
            ? IndexReadiness.AwaitingLoad()
            : IndexReadiness.Ready());
        services.AddHealthChecks().AddCheck<SearchIndexHealthCheck>(SearchIndexHealthCheck.Name, tags: ["ready"]);
        services.TryAddSingleton<RetrievalTelemetry>();
        services.TryAddSingleton<QueryVariantWriter>();
        services.TryAddSingleton<QueryPlanner>();
        services.AddLanguageDetection();
        services.TryAddSingleton<HybridRetriever>();
        return services;
    }
}
