using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Ingestion;

/// <summary>
/// Keeps a library from being stranded when the configured embedding model changes: every document whose vectors come
/// from another model loses them and goes back to "indexing", so the embedding queue embeds it again in the
/// background (progress per document, as for a new upload) while keyword search serves it. Vectors of two models are
/// never compared: a document's old vectors are gone before its new ones arrive. The library's recorded model changes
/// last, so a restart half-way finishes the switch.
/// </summary>
public sealed partial class EmbeddingModelSwitch(ILibraryStore store, EmbeddingModel model, ILogger<EmbeddingModelSwitch> logger)
{
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var recorded = await store.GetEmbeddingModelAsync(cancellationToken);
        if (string.Equals(recorded, model.Name, StringComparison.Ordinal))
        {
            return;
        }
        if (recorded is not null)
        {
            var stale = (await store.ListDocumentsAsync(cancellationToken))
                .Where(d => !string.Equals(d.EmbeddingModel ?? recorded, model.Name, StringComparison.Ordinal))
                .ToList();
            LogSwitching(logger, recorded, model.Name, stale.Count);
            foreach (var document in stale)
            {
                await store.RestartEmbeddingAsync(
                    document with { EmbeddingModel = model.Name, Status = DocumentStatus.Indexing, Progress = 0, Error = null }, cancellationToken);
            }
        }
        await store.SetEmbeddingModelAsync(model.Name, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The library was embedded with {Recorded}, the configured model is {Configured}: re-embedding {Documents} documents in the background; keyword search serves them meanwhile")]
    private static partial void LogSwitching(ILogger logger, string recorded, string configured, int documents);
}
