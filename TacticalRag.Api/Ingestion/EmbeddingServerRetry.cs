using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Ingestion;

/// <summary>
/// Waits out an embedding server that is down, slow, overloaded or still pulling its model: the batch is tried again
/// with backoff (<c>Embeddings:RetryDelay</c>, doubling up to <c>Embeddings:MaxRetryDelay</c>) for as long as it takes,
/// and the document says so meanwhile (its <c>error</c> names the problem, its status stays <c>indexing</c>, keyword
/// search finds it). A failure that waiting cannot mend (a refused request, vectors of the wrong size) is thrown, and
/// the document is marked failed with it.
/// </summary>
public sealed partial class EmbeddingServerRetry(
    ILibraryStore store, IOptions<EmbeddingOptions> options, TimeProvider time, ILogger<EmbeddingServerRetry> logger)
{
    /// <summary>The batch's embeddings, or null when the document was deleted while it waited.</summary>
    public async Task<GeneratedEmbeddings<Embedding<float>>?> EmbedAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder, string documentId, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var delay = options.Value.RetryDelay;
        string? shown = null;
        while (true)
        {
            try
            {
                var embeddings = await embedder.GenerateAsync(texts, cancellationToken: cancellationToken);
                if (shown is not null)
                {
                    await ShowAsync(documentId, null, cancellationToken);
                    LogResumed(logger, documentId);
                }
                return embeddings;
            }
            catch (EmbeddingServerException exception) when (exception.IsTransient)
            {
                // The server's own words stay in the log (they may name internal hosts); readers see what happened and what next.
                var waiting = $"{exception.Summary}. Trying again with backoff; keyword search finds this document meanwhile.";
                if (waiting != shown)
                {
                    if (!await ShowAsync(documentId, waiting, cancellationToken))
                    {
                        return null; // deleted while it waited
                    }
                    shown = waiting;
                    LogWaiting(logger, documentId, exception.Tag, exception.Detail);
                }
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.MaxRetryDelay.Ticks));
            }
        }
    }

    /// <summary>Sets (or clears) the document's error text; false when the document is gone.</summary>
    private async Task<bool> ShowAsync(string documentId, string? error, CancellationToken cancellationToken) =>
        await store.GetDocumentAsync(documentId, cancellationToken) is { } document
        && (document.Error == error || await store.UpdateDocumentAsync(document with { Error = error }, cancellationToken));

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId} waits for the embedding server ({Reason}: {Detail}); retrying with backoff")]
    private static partial void LogWaiting(ILogger logger, string documentId, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId}: the embedding server answers again; embedding resumes")]
    private static partial void LogResumed(ILogger logger, string documentId);
}
