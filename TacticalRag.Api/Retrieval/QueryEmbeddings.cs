using System.Diagnostics;
using Microsoft.Extensions.AI;
using TacticalRag.Api.Embeddings;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// A search's query embeddings, or none when the embedding server cannot give them: the search then ranks by keywords
/// alone (per request; the next search tries again unless the server is known down), never fails for it.
/// </summary>
internal static class QueryEmbeddings
{
    public static async Task<GeneratedEmbeddings<Embedding<float>>?> TryEmbedAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder, IEnumerable<string> texts, Activity? activity, CancellationToken cancellationToken)
    {
        try
        {
            return await embedder.GenerateAsync(texts, cancellationToken: cancellationToken);
        }
        catch (EmbeddingServerException exception)
        {
            activity?.SetTag("retrieval.dense_skipped", exception.Tag);
            activity?.AddEvent(new ActivityEvent("dense.skipped", tags: new ActivityTagsCollection { ["reason"] = exception.Tag, ["detail"] = exception.Detail }));
            return null;
        }
    }
}
