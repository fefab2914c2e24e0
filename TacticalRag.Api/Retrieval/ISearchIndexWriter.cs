using TacticalRag.Api.Library;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Retrieval's write contract: what ingestion and the index sync change in the replica's search index. Other features
/// write through this and search through <see cref="HybridRetriever"/>; the index's own type stays Retrieval's.
/// </summary>
public interface ISearchIndexWriter
{
    /// <summary>Chunks in the index.</summary>
    int Count { get; }

    /// <summary>
    /// Whether this replica holds its own copy of the library to load and keep in step (the embedded engine). False
    /// where the library's database is the index (PostgreSQL): there is nothing to load, and every write here is a no-op.
    /// </summary>
    bool HoldsLibraryCopy => true;

    void AddRange(IEnumerable<IndexedChunk> chunks);

    /// <summary>Adds vectors to a document's chunks already in the index; returns how many were set.</summary>
    int SetVectors(string documentId, IReadOnlyList<ChunkVector> vectors);

    bool HasVectors(string documentId, IEnumerable<string> chunkIds);

    bool RemoveDocument(string documentId);

    void ReplaceDocument(string documentId, IReadOnlyCollection<IndexedChunk> chunks);

    bool ContainsDocument(string documentId);

    /// <summary>
    /// Replaces everything the index holds with <paramref name="chunks"/>, built off to the side and swapped in whole, so a
    /// search never sees a half-loaded index.
    /// </summary>
    Task ReplaceAllAsync(IAsyncEnumerable<IndexedChunk> chunks, CancellationToken cancellationToken);
}
