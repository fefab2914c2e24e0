using System.Collections.Concurrent;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// A replica's in-memory index of the library: chunk text and metadata, BM25 over the text, vectors for dense
/// search. A chunk is searchable by keywords as soon as it is added and by vector once its vector arrives (with it,
/// or later through <see cref="SetVectors"/>). Safe for searches during writes; writes are serialized.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    private readonly Lock _writeLock = new();
    private readonly ConcurrentDictionary<string, IndexedChunk> _chunks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _withVector = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _chunkIdsByDocument = new(StringComparer.Ordinal);
    private readonly Bm25Index _keywords = new();
    private readonly VectorIndex _vectors;

    public SearchIndex(EmbeddingModel model) : this(model.Dimensions)
    {
    }

    public SearchIndex(int dimensions = 384) => _vectors = new VectorIndex(dimensions);

    /// <summary>Chunks held (searchable by keywords).</summary>
    public int Count => _chunks.Count;

    /// <summary>Chunks that also have a vector (searchable by similarity).</summary>
    public int VectorCount => _vectors.Count;

    public int Dimensions => _vectors.Dimensions;

    public void Add(IndexedChunk chunk) => AddRange([chunk]);

    /// <summary>
    /// Adds chunks (or replaces those with the same id) with their vectors where they have one. Loading in batches
    /// of hundreds or thousands is much cheaper than one at a time.
    /// </summary>
    public void AddRange(IEnumerable<IndexedChunk> chunks)
    {
        var batch = chunks as IReadOnlyCollection<IndexedChunk> ?? chunks.ToList();
        if (batch.Count == 0)
        {
            return;
        }
        lock (_writeLock)
        {
            foreach (var chunk in batch)
            {
                // The vector lives in the vector index only; keeping it here too would double its memory.
                _chunks[chunk.Chunk.Id] = chunk with { Vector = null };
                ChunkIdsOf(chunk.Chunk.DocumentId, create: true)!.Add(chunk.Chunk.Id);
            }
            _keywords.AddOrReplace(batch.Select(c => (c.Chunk.Id, c.Chunk.DocumentId, KeywordText(c))));
            foreach (var chunk in batch.Where(c => c.Vector is not null))
            {
                _withVector[chunk.Chunk.Id] = 0;
            }
            _vectors.UpsertMany(batch
                .Where(c => c.Vector is not null)
                .GroupBy(c => c.Chunk.DocumentId, StringComparer.Ordinal)
                .Select(g => (g.Key, (IReadOnlyList<(string, float[])>)g.Select(c => (c.Chunk.Id, c.Vector!)).ToList())));
        }
    }

    /// <summary>
    /// Vectors for chunks of a document, as they are embedded. Vectors of chunks this index does not hold (the
    /// document was deleted meanwhile) are ignored. Returns how many were taken.
    /// </summary>
    public int SetVectors(string documentId, IReadOnlyList<ChunkVector> vectors)
    {
        lock (_writeLock)
        {
            if (ChunkIdsOf(documentId, create: false) is not { } known)
            {
                return 0;
            }
            var accepted = vectors.Where(v => known.Contains(v.ChunkId)).Select(v => (v.ChunkId, v.Vector)).ToList();
            _vectors.Upsert(documentId, accepted);
            foreach (var (chunkId, _) in accepted)
            {
                _withVector[chunkId] = 0;
            }
            return accepted.Count;
        }
    }

    /// <summary>Removes a document's chunks from every part of the index; false when it held none.</summary>
    public bool RemoveDocument(string documentId)
    {
        lock (_writeLock)
        {
            if (!_chunkIdsByDocument.Remove(documentId, out var chunkIds))
            {
                return false;
            }
            _keywords.RemoveDocument(documentId);
            _vectors.RemoveDocument(documentId);
            foreach (var chunkId in chunkIds)
            {
                _chunks.TryRemove(chunkId, out _);
                _withVector.TryRemove(chunkId, out _);
            }
            return true;
        }
    }

    /// <summary>The documents with chunks in the index.</summary>
    public IReadOnlyList<string> DocumentIds()
    {
        lock (_writeLock)
        {
            return _chunkIdsByDocument.Keys.ToArray();
        }
    }

    /// <summary>Whether any chunk of the document is indexed.</summary>
    public bool ContainsDocument(string documentId)
    {
        lock (_writeLock)
        {
            return _chunkIdsByDocument.ContainsKey(documentId);
        }
    }

    /// <summary>Whether the chunk has its vector yet (is searchable by similarity).</summary>
    public bool HasVector(string chunkId) => _withVector.ContainsKey(chunkId);

    /// <summary>The chunk (without its vector), or null when it is not (or no longer) indexed.</summary>
    public IndexedChunk? GetChunk(string chunkId) => _chunks.GetValueOrDefault(chunkId);

    /// <summary>Both rankings for a query, each at most <paramref name="limit"/> deep; dense only when a vector is given.</summary>
    public (IReadOnlyList<ScoredChunk> Keyword, IReadOnlyList<ScoredChunk> Dense) Search(
        string query, ReadOnlyMemory<float>? queryVector, int limit) =>
        (SearchKeywords(query, limit), queryVector is { } vector ? SearchVectors(vector.Span, limit) : []);

    public IReadOnlyList<ScoredChunk> SearchKeywords(string query, int limit) => _keywords.Search(query, limit);

    public IReadOnlyList<ScoredChunk> SearchVectors(ReadOnlySpan<float> queryVector, int limit) => _vectors.Search(queryVector, limit);

    public void Dispose() => _keywords.Dispose();

    /// <summary>The title and section heading are searchable too: questions often name the manual or the procedure.</summary>
    private static string KeywordText(IndexedChunk chunk) =>
        string.Join('\n', chunk.Title, chunk.Chunk.Section ?? "", chunk.Chunk.Text);

    private HashSet<string>? ChunkIdsOf(string documentId, bool create)
    {
        if (!_chunkIdsByDocument.TryGetValue(documentId, out var ids) && create)
        {
            ids = new HashSet<string>(StringComparer.Ordinal);
            _chunkIdsByDocument[documentId] = ids;
        }
        return ids;
    }
}
