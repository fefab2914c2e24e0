using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;
using TacticalRag.Api.Storage;

namespace TacticalRag.Api.Ingestion;

/// <summary>
/// Embeds stored documents' chunks in the background, one document at a time in small batches, saving vectors and
/// progress as it goes so the document list shows how far it is and a restart resumes where it stopped.
/// </summary>
public sealed partial class EmbeddingQueue(
    ILibraryStore store,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    EmbeddingModel model,
    EmbeddingServerRetry serverRetry,
    ISearchIndexWriter index,
    IOptions<IngestionOptions> options,
    ILogger<EmbeddingQueue> logger) : BackgroundService
{
    private readonly Channel<string> _pending = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(string documentId) => _pending.Writer.TryWrite(documentId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var documentId in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                // A store outage pauses the queue; the document is finished once the store is back, never failed for it.
                await StorageRetry.UntilAvailableAsync(token => EmbedAsync(documentId, token), logger, $"embedding document {documentId}", stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // One document's failure must not stop the queue: it is marked failed with the reason, the rest go on.
                LogFailed(logger, documentId, exception);
                await StorageRetry.UntilAvailableAsync(token => MarkFailedAsync(documentId, exception.Message, token), logger, "recording a failed document", stoppingToken);
            }
        }
    }

    private async Task MarkFailedAsync(string documentId, string error, CancellationToken cancellationToken)
    {
        if (await store.GetDocumentAsync(documentId, cancellationToken) is { } document)
        {
            await store.UpdateDocumentAsync(document with { Status = DocumentStatus.Failed, Error = error }, cancellationToken);
        }
    }

    private async Task EmbedAsync(string documentId, CancellationToken cancellationToken)
    {
        var document = await store.GetDocumentAsync(documentId, cancellationToken);
        if (document is null || document.Status != DocumentStatus.Indexing)
        {
            return;
        }
        var chunks = await store.GetChunksAsync(documentId, cancellationToken);
        var done = (await store.GetVectorsAsync(documentId, cancellationToken)).Select(v => v.ChunkId).ToHashSet();
        var remaining = chunks.Where(c => !done.Contains(c.Id)).ToList();
        var batchSize = options.Value.EmbeddingBatchSize;
        for (var start = 0; start < remaining.Count; start += batchSize)
        {
            var batch = remaining.Skip(start).Take(batchSize).ToList();
            var texts = batch.Select(c => model.DocumentText(ChunkEmbeddingText.For(document.Title, c))).ToList();
            if (await serverRetry.EmbedAsync(embedder, documentId, texts, cancellationToken) is not { } embeddings)
            {
                return; // deleted meanwhile
            }
            var vectors = batch.Zip(embeddings, (chunk, embedding) => new ChunkVector(chunk.Id, embedding.Vector.ToArray())).ToList();
            await store.SaveVectorsAsync(documentId, vectors, cancellationToken);
            index.SetVectors(documentId, vectors);
            // Progress is not a library change: it leaves the version (and the caches keyed by it) alone.
            var progress = (double)(done.Count + start + batch.Count) / chunks.Count;
            if (!await store.UpdateProgressAsync(documentId, Math.Round(progress, 3), cancellationToken))
            {
                return; // deleted meanwhile
            }
        }
        await store.UpdateDocumentAsync(document with { Status = DocumentStatus.Ready, Progress = 1, Error = null }, cancellationToken);
        LogReady(logger, documentId, chunks.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId} is ready: {Chunks} chunks embedded")]
    private static partial void LogReady(ILogger logger, string documentId, int chunks);

    [LoggerMessage(Level = LogLevel.Error, Message = "Embedding document {DocumentId} failed")]
    private static partial void LogFailed(ILogger logger, string documentId, Exception exception);
}
