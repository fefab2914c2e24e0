using System.Diagnostics;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Library;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Retrieval;

namespace TacticalRag.Bench.Suites.IndexLoad;

/// <summary>What was written: the sizes the load is measured against.</summary>
public sealed record FilledLibrary(int Documents, int Chunks, long TextChars, TimeSpan Elapsed);

/// <summary>
/// Writes a synthetic library into stores through <see cref="ILibraryStore"/>, as ingestion would leave it: documents
/// of <see cref="ChunksPerDocument"/> chunks with their 384-dimension vectors, all "ready". Each document is generated
/// once and written to every store, then dropped, so the bench never holds the whole library itself.
/// </summary>
public static class SyntheticStoreFiller
{
    public const int ChunksPerDocument = 1_000;

    /// <summary>Vectors per <see cref="ILibraryStore.SaveVectorsAsync"/> call: bigger than the queue's 8, to fill quickly.</summary>
    private const int VectorsPerWrite = 500;

    public static async Task<FilledLibrary> FillAsync(IReadOnlyList<ILibraryStore> stores, int chunks, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var store in stores)
        {
            await store.SetEmbeddingModelAsync(EmbeddingOptions.DefaultModel.Name, cancellationToken);
        }
        var library = new SyntheticLibrary(EmbeddingOptions.DefaultModel.Dimensions, sequence: chunks);
        var documents = 0;
        long textChars = 0;
        var ingested = DateTimeOffset.UtcNow;
        foreach (var generated in library.Documents(chunks).SelectMany(d => d).Chunk(ChunksPerDocument))
        {
            var documentId = documents.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
            var stored = generated.Select((c, ordinal) => c.Chunk with
            {
                Id = DocumentChunk.MakeId(documentId, ordinal), DocumentId = documentId, Ordinal = ordinal,
            }).ToList();
            var vectors = stored.Select((c, i) => new ChunkVector(c.Id, generated[i].Vector!)).ToList();
            var document = new LibraryDocument(documentId, $"Synthetic manual {documents}", $"synthetic-{documentId}.md", "text/markdown",
                stored.Sum(c => (long)c.Text.Length), documentId.PadRight(64, '0'), stored.Count, ingested.AddSeconds(documents),
                DocumentStatus.Ready, 1);
            foreach (var store in stores)
            {
                if (!await store.TryAddDocumentAsync(document, stored, cancellationToken))
                {
                    throw new InvalidOperationException($"Document {documentId} already exists: the store was not fresh.");
                }
                foreach (var batch in vectors.Chunk(VectorsPerWrite))
                {
                    await store.SaveVectorsAsync(documentId, batch, cancellationToken);
                }
            }
            documents++;
            textChars += stored.Sum(c => (long)c.Text.Length);
            if (documents % 10 == 0)
            {
                Progress.Step($"Stored {documents * ChunksPerDocument:N0} of {chunks:N0} chunks");
            }
        }
        return new FilledLibrary(documents, chunks, textChars, Stopwatch.GetElapsedTime(started));
    }
}
