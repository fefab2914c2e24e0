using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Ingestion.Chunking;
using TacticalRag.Api.Ingestion.Extraction;
using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.Api.Ingestion;

/// <summary>
/// Takes uploaded files into the library: every file is checked, parsed and chunked before any is stored, and each
/// gets its own outcome: a bad file is refused with its reason and leaves nothing behind, without keeping the good
/// files of the same upload out. Stored chunks are searchable by keywords at once;
/// their vectors follow in the background (<see cref="EmbeddingQueue"/>).
/// </summary>
public sealed partial class IngestionService(
    ILibraryStore store,
    DocumentExtractors extractors,
    DocumentChunker chunker,
    ISearchIndexWriter index,
    EmbeddingQueue embeddings,
    EmbeddingModel embeddingModel,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<IngestionService> logger)
{
    public async Task<IngestionResult> IngestAsync(IReadOnlyList<IncomingFile> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return IngestionResult.RefusedWhole(new IngestionRefusal(StatusCodes.Status400BadRequest, "No file uploaded.", "Send one or more files in the multipart field \"files\"."));
        }
        if (files.Count > options.Value.MaxFilesPerRequest)
        {
            return IngestionResult.RefusedWhole(new IngestionRefusal(StatusCodes.Status400BadRequest, "Too many files.", $"At most {options.Value.MaxFilesPerRequest} files per upload; {files.Count} were sent."));
        }
        List<PreparedDocument> prepared = [];
        List<RejectedFile> rejected = [];
        foreach (var file in files)
        {
            var (document, refusal) = await PrepareAsync(file, cancellationToken);
            if (refusal is not null)
            {
                rejected.Add(new RejectedFile(Path.GetFileName(file.FileName), refusal.Status, refusal.Title, refusal.Detail));
            }
            else if (prepared.All(p => p.Document.Id != document!.Document.Id))
            {
                prepared.Add(document!);
            }
        }

        List<LibraryDocument> stored = [];
        foreach (var (document, chunks) in prepared)
        {
            using var activity = ServiceDefaults.TacticalRagTelemetry.ActivitySource.StartActivity("ingest");
            activity?.SetTag("tacticalrag.document.id", document.Id);
            if (!await store.TryAddDocumentAsync(document, chunks, cancellationToken))
            {
                // Same bytes as a document already in the library: that document is the answer.
                stored.Add(await store.GetDocumentAsync(document.Id, cancellationToken) ?? document);
                continue;
            }
            index.AddRange(chunks.Select(c => new IndexedChunk(c, document.Title, null)));
            // A delete (through any replica) landing between the store write and the index write was applied to the
            // index before this add; looking again after it means a deleted document never stays searchable.
            if (await store.GetDocumentAsync(document.Id, cancellationToken) is null)
            {
                index.RemoveDocument(document.Id);
            }
            embeddings.Enqueue(document.Id);
            LogStored(logger, document.Id, document.FileName, chunks.Count);
            stored.Add(document);
        }
        return new IngestionResult(stored, rejected);
    }

    /// <summary>
    /// Deletes a document from the library and from this replica's index (other replicas follow the change stream);
    /// false when the library holds no such document.
    /// </summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!await store.DeleteDocumentAsync(id, cancellationToken))
        {
            return false;
        }
        index.RemoveDocument(id);
        LogDeleted(logger, id);
        return true;
    }

    private async Task<(PreparedDocument? Document, IngestionRefusal? Refusal)> PrepareAsync(IncomingFile file, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file.FileName);
        if (file.Length > options.Value.MaxFileBytes)
        {
            return (null, new IngestionRefusal(StatusCodes.Status413PayloadTooLarge, "File too large.",
                $"'{name}' is {file.Length:N0} bytes; the limit is {options.Value.MaxFileBytes:N0} bytes."));
        }
        if (file.Length == 0)
        {
            return (null, Unreadable(name, "the file is empty"));
        }
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenRead())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }
        var detection = DocumentFormatDetector.Detect(bytes, name);
        if (detection.Format is not { } format)
        {
            return (null, new IngestionRefusal(StatusCodes.Status415UnsupportedMediaType, "Unsupported file type.",
                $"'{name}': {detection.Problem ?? $"not a supported type. Supported: {DocumentFormatDetector.SupportedTypesText}."}"));
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var id = hash[..16];
        ExtractedDocument extracted;
        IReadOnlyList<DocumentChunk> chunks;
        // Reading and chunking are CPU work: the budget (or the client leaving) cancels them, and the answer does not wait
        // for a parser that checks its token late. Nesting is bounded before any parser runs (NestingDepth), so what a
        // parser may still do after its token fired is small.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.FileTimeBudget);
        try
        {
            var work = Task.Run(() =>
            {
                var document = extractors.Extract(format, new MemoryStream(bytes, writable: false), name, budget.Token);
                return (document, chunker.Chunk(id, document, budget.Token));
            }, budget.Token);
            _ = work.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            (extracted, chunks) = await work.WaitAsync(budget.Token);
        }
        catch (DocumentUnreadableException exception)
        {
            return (null, Unreadable(name, exception.Message));
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogOverBudget(logger, name, options.Value.FileTimeBudget.TotalSeconds);
            return (null, new IngestionRefusal(StatusCodes.Status413PayloadTooLarge, "File too large to process.",
                $"'{name}' could not be read and chunked within the time budget of {options.Value.FileTimeBudget.TotalSeconds:0.#} s for one file "
                + $"({IngestionOptions.SectionName}:{nameof(IngestionOptions.FileTimeBudget)}); split it into smaller files. Nothing of it was stored."));
        }
        if (chunks.Count == 0)
        {
            return (null, Unreadable(name, "no text could be extracted from it"));
        }
        var document = new LibraryDocument(id, extracted.Title, name, format.ContentType, bytes.Length,
            hash, chunks.Count, time.GetUtcNow(), DocumentStatus.Indexing, 0, EmbeddingModel: embeddingModel.Name,
            Languages: [.. chunks.Where(c => c.Language is not null).GroupBy(c => c.Language!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key)]);
        return (new PreparedDocument(document, chunks), null);
    }

    private static IngestionRefusal Unreadable(string name, string reason) =>
        new(StatusCodes.Status400BadRequest, "Unreadable file.", $"'{name}' could not be read: {reason}. Nothing of it was stored.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {FileName}: reading and chunking it took longer than the {BudgetSeconds} s budget")]
    private static partial void LogOverBudget(ILogger logger, string fileName, double budgetSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted document {DocumentId}")]
    private static partial void LogDeleted(ILogger logger, string documentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored document {DocumentId} ({FileName}) with {Chunks} chunks; embedding in the background")]
    private static partial void LogStored(ILogger logger, string documentId, string fileName, int chunks);
}
