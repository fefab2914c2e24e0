using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Ingestion.Chunking;
using TacticalRag.Api.Ingestion.Extraction;
using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;
using TacticalRag.Bench.Reporting;

namespace TacticalRag.Bench.Suites.Eval;

/// <summary>
/// Ingests a set's files as an upload would (detect, extract, chunk, embed each chunk with its title and heading) into
/// a throwaway <see cref="SearchIndex"/>. Chunks of many files are embedded together, so thousands of one-passage
/// files take the encoder's batched path.
/// </summary>
public sealed class EvalIndexer(
    DocumentExtractors extractors, DocumentChunker chunker, IEmbeddingGenerator<string, Embedding<float>> embedder, SearchIndex index)
{
    private const int EmbedBatch = 256;

    /// <summary>Every chunk indexed, with its title and vector, for copying into another engine.</summary>
    public List<IndexedChunk> Indexed { get; } = [];

    public async Task<IReadOnlyDictionary<string, EvalChunk>> IndexAsync(IReadOnlyList<EvalFile> files, CancellationToken cancellationToken)
    {
        var chunks = new Dictionary<string, EvalChunk>(StringComparer.Ordinal);
        var pending = new List<(DocumentChunk Chunk, string Title)>();
        var skipped = 0;
        foreach (var file in files)
        {
            var detected = DocumentFormatDetector.Detect(file.Bytes, file.FileName);
            if (detected.Format is not { } format)
            {
                skipped++;
                continue;
            }
            var documentId = Convert.ToHexStringLower(SHA256.HashData(file.Bytes))[..16];
            ExtractedDocument extracted;
            try
            {
                extracted = extractors.Extract(format, new MemoryStream(file.Bytes, writable: false), file.FileName);
            }
            catch (DocumentUnreadableException)
            {
                skipped++;
                continue;
            }
            foreach (var chunk in chunker.Chunk(documentId, extracted))
            {
                if (chunks.TryAdd(chunk.Id, new EvalChunk(chunk.Id, file.FileName, chunk.Text, chunk.Language)))
                {
                    pending.Add((chunk, extracted.Title));
                }
            }
        }
        if (skipped > 0)
        {
            Progress.Step($"{skipped} files were refused by ingestion and left out");
        }
        for (var start = 0; start < pending.Count; start += EmbedBatch)
        {
            var batch = pending.Skip(start).Take(EmbedBatch).ToList();
            var vectors = await embedder.GenerateAsync(batch.Select(p => ChunkEmbeddingText.For(p.Title, p.Chunk)), cancellationToken: cancellationToken);
            var indexed = batch.Select((p, i) => new IndexedChunk(p.Chunk, p.Title, vectors[i].Vector.ToArray())).ToList();
            index.AddRange(indexed);
            Indexed.AddRange(indexed);
            if (start / EmbedBatch % 4 == 3)
            {
                Progress.Step($"embedded {start + batch.Count} of {pending.Count} chunks");
            }
        }
        return chunks;
    }
}
