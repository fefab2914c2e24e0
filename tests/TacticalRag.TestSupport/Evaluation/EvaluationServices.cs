using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Ingestion.Chunking;
using TacticalRag.Api.Reranking;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.TestSupport.Evaluation;

/// <summary>
/// The services the evaluation needs, outside a web host: extraction and chunking, embeddings with a memory
/// cache, retrieval without a language model (no query variants, so runs are repeatable), the reranker when the
/// settings name one (<c>Reranker:Endpoint</c>; hybrid is then reranked, <see cref="RetrievalMode.FusionOnly"/> is not),
/// settings as given.
/// </summary>
public static class EvaluationServices
{
    public static ServiceProvider Build(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddDistributedMemoryCache();
        services.AddDocumentExtraction();
        services.AddEmbeddings();
        services.AddRetrieval();
        services.AddReranking();
        services.AddSingleton<LibraryFolderIndexer>();
        services.AddSingleton<RetrievalEvaluation>();
        return services.BuildServiceProvider();
    }
}
