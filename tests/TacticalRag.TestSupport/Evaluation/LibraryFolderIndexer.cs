using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Ingestion.Chunking;
using TacticalRag.Api.Ingestion.Extraction;
using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.TestSupport.Evaluation;

/// <summary>
/// Puts a folder of documents into the search index in-process, as ingestion would (detect, extract, chunk,
/// embed), without storage or HTTP: for the retrieval evaluation and the benchmark.
/// </summary>
public sealed class LibraryFolderIndexer(
    DocumentExtractors extractors, DocumentChunker chunker, IEmbeddingGenerator<string, Embedding<float>> embedder, ISearchIndexWriter index)
{
    /// <summary>Indexes the supported files directly in <paramref name="folder"/> (not its subfolders).</summary>
    public async Task<IReadOnlyList<EvaluatedDocument>> IndexAsync(string folder, CancellationToken cancellationToken)
    {
        var documents = new List<EvaluatedDocument>();
        foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            var fileName = Path.GetFileName(path);
            var detected = DocumentFormatDetector.Detect(bytes, fileName);
            if (detected.Format is not { } format)
            {
                continue;
            }
            var documentId = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
            using var content = new MemoryStream(bytes, writable: false);
            var extracted = extractors.Extract(format, content, fileName);
            var chunks = chunker.Chunk(documentId, extracted);
            var vectors = await embedder.GenerateAsync(
                chunks.Select(c => ChunkEmbeddingText.For(extracted.Title, c)), cancellationToken: cancellationToken);
            index.AddRange(chunks.Select((chunk, i) => new IndexedChunk(chunk, extracted.Title, vectors[i].Vector.ToArray())));
            documents.Add(new EvaluatedDocument(documentId, fileName, extracted.Title, chunks));
        }
        return documents;
    }
}
