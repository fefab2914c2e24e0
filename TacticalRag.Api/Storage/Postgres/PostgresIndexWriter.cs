using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.Api.Storage.Postgres;

/// <summary>
/// The PostgreSQL engine's side of <see cref="ISearchIndexWriter"/>: the library's database is the index, so a
/// replica holds no copy to load or keep in step, and every write here is a no-op (the store's write already made
/// the chunks and vectors searchable, for every replica at once).
/// </summary>
internal sealed class PostgresIndexWriter : ISearchIndexWriter
{
    public int Count => 0;

    public bool HoldsLibraryCopy => false;

    public void AddRange(IEnumerable<IndexedChunk> chunks)
    {
    }

    public int SetVectors(string documentId, IReadOnlyList<ChunkVector> vectors) => vectors.Count;

    public bool HasVectors(string documentId, IEnumerable<string> chunkIds) => true;

    public bool RemoveDocument(string documentId) => true;

    public void ReplaceDocument(string documentId, IReadOnlyCollection<IndexedChunk> chunks)
    {
    }

    public bool ContainsDocument(string documentId) => true;

    public Task ReplaceAllAsync(IAsyncEnumerable<IndexedChunk> chunks, CancellationToken cancellationToken) => Task.CompletedTask;
}
