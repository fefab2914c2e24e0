using TacticalRag.Api.Ingestion.Chunking;

namespace TacticalRag.Api.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Uploads, the background embedding queue, the replica's index sync and the sample seeder. Needs storage,
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
        services.AddSingleton<EmbeddingQueue>();
        services.AddHostedService(provider => provider.GetRequiredService<EmbeddingQueue>());
        services.AddSingleton<EmbeddingModelSwitch>();
        services.AddSingleton<LibraryIndexSync>();
        services.AddHostedService(provider => provider.GetRequiredService<LibraryIndexSync>());
        services.AddHostedService<SampleLibrarySeeder>();
        return services;
    }
}
