using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// A replica's in-memory index of the library: chunk text and metadata, BM25 over the text, vectors for dense
/// search. A chunk is searchable by keywords as soon as it is added and by vector once its vector arrives (with it,
/// or later through <see cref="SetVectors"/>). Safe for searches during writes; writes are serialized. A reload
/// fills a fresh index and swaps it in whole (<see cref="ReplaceWith"/>), so searches never see a half-loaded library.
/// </summary>
public sealed partial class SearchIndex : ISearchIndexWriter, IDisposable
{
    private readonly Lock _writeLock = new();
    private volatile SearchIndexContents _contents;

    public SearchIndex(EmbeddingModel model) : this(model.Dimensions)
    {
    }

    public SearchIndex(int dimensions = 384) => _contents = new SearchIndexContents(dimensions);

    /// <summary>Chunks held (searchable by keywords).</summary>
    public int Count => _contents.Count;

    /// <summary>Chunks that also have a vector (searchable by similarity).</summary>
    public int VectorCount => _contents.Vectors.Count;

    public int Dimensions => _contents.Vectors.Dimensions;

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
            _contents.AddRange(batch);
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
            return _contents.SetVectors(documentId, vectors);
        }
    }

    /// <summary>Whether the chunk has its vector yet (is searchable by similarity); without a lock, for searches.</summary>
    public bool HasVector(string chunkId) => _contents.HasVector(chunkId);

    /// <summary>Whether the index has a vector for every one of the document's chunks named.</summary>
    public bool HasVectors(string documentId, IEnumerable<string> chunkIds)
    {
        lock (_writeLock)
        {
            return _contents.Vectors.ContainsAll(documentId, chunkIds);
        }
    }

    /// <summary>Removes a document's chunks from every part of the index; false when it held none.</summary>
    public bool RemoveDocument(string documentId)
    {
        lock (_writeLock)
        {
            return _contents.RemoveDocument(documentId);
        }
    }

    /// <summary>A document's chunks (with their vectors where they have one) in place of all it had, as one write.</summary>
    public void ReplaceDocument(string documentId, IReadOnlyCollection<IndexedChunk> chunks)
    {
        if (chunks.FirstOrDefault(c => c.Chunk.DocumentId != documentId) is { } stray)
        {
            throw new ArgumentException($"Chunk {stray.Chunk.Id} belongs to document {stray.Chunk.DocumentId}, not {documentId}.", nameof(chunks));
        }
        lock (_writeLock)
        {
            _contents.RemoveDocument(documentId);
            if (chunks.Count > 0)
            {
                _contents.AddRange(chunks);
            }
        }
    }

    public async Task ReplaceAllAsync(IAsyncEnumerable<IndexedChunk> chunks, CancellationToken cancellationToken)
    {
        const int batchSize = 5000;
        using var fresh = new SearchIndex(Dimensions);
        List<IndexedChunk> batch = [];
        await foreach (var chunk in chunks.WithCancellation(cancellationToken))
        {
            batch.Add(chunk);
            if (batch.Count == batchSize)
            {
                fresh.AddRange(batch);
                batch.Clear();
            }
        }
        fresh.AddRange(batch);
        ReplaceWith(fresh);
    }

    /// <summary>
    /// Takes everything <paramref name="loaded"/> holds, in one step, in place of what this index held;
    /// <paramref name="loaded"/> is left empty. A search running meanwhile finishes on what it started with, which is
    /// why the old contents are left to the garbage collector (held in memory only) instead of disposed under it.
    /// </summary>
    public void ReplaceWith(SearchIndex loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        if (loaded.Dimensions != Dimensions)
        {
            throw new ArgumentException($"The loaded index holds {loaded.Dimensions}-dimension vectors; this one {Dimensions}.", nameof(loaded));
        }
        lock (_writeLock)
        {
            lock (loaded._writeLock)
            {
                _contents = loaded._contents;
                loaded._contents = new SearchIndexContents(Dimensions);
            }
        }
    }

    /// <summary>The documents with chunks in the index.</summary>
    public IReadOnlyList<string> DocumentIds()
    {
        lock (_writeLock)
        {
            return _contents.DocumentIds.ToArray();
        }
    }

    /// <summary>Whether any chunk of the document is indexed.</summary>
    public bool ContainsDocument(string documentId)
    {
        lock (_writeLock)
        {
            return _contents.ContainsDocument(documentId);
        }
    }

    /// <summary>The chunk (without its vector), or null when it is not (or no longer) indexed.</summary>
    public IndexedChunk? GetChunk(string chunkId) => _contents.GetChunk(chunkId);

    /// <summary>Both rankings for a query, each at most <paramref name="limit"/> deep; dense only when a vector is given.</summary>
    public (IReadOnlyList<ScoredChunk> Keyword, IReadOnlyList<ScoredChunk> Dense) Search(
        string query, ReadOnlyMemory<float>? queryVector, int limit) =>
        (SearchKeywords(query, limit), queryVector is { } vector ? SearchVectors(vector.Span, limit) : []);

    public IReadOnlyList<ScoredChunk> SearchKeywords(string query, int limit) => _contents.Keywords.Search(query, limit);

    public IReadOnlyList<ScoredChunk> SearchVectors(ReadOnlySpan<float> queryVector, int limit) => _contents.Vectors.Search(queryVector, limit);

    public void Dispose() => _contents.Dispose();
}
