using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.Api.Storage.Postgres;

internal static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// The PostgreSQL engine: the library, conversations, searches (in place of the replica's index) and a no-op index
    /// writer. The answer cache stays where it was (Redis when configured, else memory).
    /// </summary>
    public static void AddPostgresLibrary(this IServiceCollection services)
    {
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<LibraryEngineOptions>>().Value;
            return new PostgresLibraryDatabase(options.ConnectionString!, options.ReadConnection, provider.GetRequiredService<EmbeddingModel>().Dimensions);
        });
        services.AddSingleton<ILibraryStore, PostgresLibraryStore>();
        services.AddSingleton<PostgresConversationStore>();
        services.AddSingleton<IConversationStore>(provider => provider.GetRequiredService<PostgresConversationStore>());
        services.AddHostedService<PostgresConversationSweeper>();
        services.AddSingleton<ISearchEngine, PostgresSearchEngine>();
        services.AddSingleton<ISearchIndexWriter, PostgresIndexWriter>();
        services.AddHostedService<PostgresReplicaWarmup>();
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("library-database");
    }
}
