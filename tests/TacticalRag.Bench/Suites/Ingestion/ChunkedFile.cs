using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Ingestion.Chunking;
using TacticalRag.Api.Ingestion.Extraction;
using TacticalRag.Api.Library;
using TacticalRag.TestSupport.Evaluation;

namespace TacticalRag.Bench.Suites.Ingestion;

/// <summary>A file as the API will see it, and the chunks it becomes, cut in-process the way the upload cuts them.</summary>
public sealed record ChunkedFile(string FileName, byte[] Bytes, string Title, IReadOnlyList<DocumentChunk> Chunks)
{
    /// <summary>Exactly what the embedding queue sends the model for these chunks.</summary>
    public IEnumerable<string> EmbeddingTexts => Chunks.Select(c => ChunkEmbeddingText.For(Title, c));
}

/// <summary>Detection, extraction and chunking with the product's own services (the upload's steps before storing).</summary>
public sealed class InProcessChunker : IDisposable
{
    private readonly ServiceProvider _services = EvaluationServices.Build();

    public ChunkedFile Chunk(string fileName, byte[] bytes)
    {
        var format = DocumentFormatDetector.Detect(bytes, fileName).Format
            ?? throw new InvalidOperationException($"'{fileName}' is not a supported document.");
        using var content = new MemoryStream(bytes, writable: false);
        var extracted = _services.GetRequiredService<DocumentExtractors>().Extract(format, content, fileName);
        var documentId = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        return new ChunkedFile(fileName, bytes, extracted.Title, _services.GetRequiredService<DocumentChunker>().Chunk(documentId, extracted));
    }

    /// <summary>
    /// A <see cref="SyntheticManual"/> of about <paramref name="chunks"/> chunks: written once at a guessed length, then
    /// once more scaled by how far the chunker's count fell from the aim.
    /// </summary>
    public ChunkedFile SyntheticDocument(SyntheticManual manual, string token, int chunks, int sequence)
    {
        const int WordsPerChunkGuess = 120;
        var fileName = $"field-manual-{token}.md";
        var first = Chunk(fileName, manual.Write(token, chunks * WordsPerChunkGuess, sequence));
        if (Math.Abs(first.Chunks.Count - chunks) <= chunks / 20)
        {
            return first;
        }
        var words = (int)(chunks * WordsPerChunkGuess * (chunks / (double)first.Chunks.Count));
        return Chunk(fileName, manual.Write(token, words, sequence));
    }

    public void Dispose() => _services.Dispose();
}
