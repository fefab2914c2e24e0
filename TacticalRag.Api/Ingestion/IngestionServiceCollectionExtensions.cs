using TacticalRag.Api.Ingestion.Chunking;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.Api.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Uploads, the background embedding queue, the replica's index sync and the sample loader. Needs storage,
    /// embeddings and retrieval (for the index) registered.
    /// </summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>()
            .BindConfiguration(IngestionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddDocumentExtraction();
        services.AddSingleton<IngestionService>();
        services.AddSingleton<EmbeddingServerRetry>();
        services.AddSingleton<EmbeddingQueue>();
        services.AddHostedService(provider => provider.GetRequiredService<EmbeddingQueue>());
        services.AddOptions<IndexSyncOptions>()
            .BindConfiguration(IndexSyncOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<EmbeddingModelSwitch>();
        services.AddSingleton<LibraryIndexLoader>();
        services.AddSingleton<LibraryChangeApplier>();
        services.AddSingleton<LibraryIndexSync>();
        // Retrieval's port: the index is filled from the library in the background, and the replica is not ready until it is.
        services.AddSingleton<ISearchIndexLoader>(provider => provider.GetRequiredService<LibraryIndexSync>());
        services.AddHostedService(provider => provider.GetRequiredService<LibraryIndexSync>());
        services.AddHostedService<SampleLibraryLoader>();
        return services;
    }
}
