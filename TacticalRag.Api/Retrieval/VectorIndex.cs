using System.Numerics.Tensors;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Dense search: every chunk vector of a document in one contiguous array, cosine similarity as a dot product of
/// unit vectors, exact top-k. Readers never lock: writers publish new segments (see <see cref="VectorSegment"/> for
/// why appending does not copy) and a new snapshot, so a search runs on a consistent view while a document changes.
/// </summary>
internal sealed class VectorIndex(int dimensions)
{
    private readonly Lock _writeLock = new();
    private readonly Dictionary<string, VectorSegment> _byDocument = new(StringComparer.Ordinal);
    private volatile VectorSegment[] _segments = [];
    private volatile int _count;

    public int Dimensions { get; } = dimensions > 0 ? dimensions : throw new ArgumentOutOfRangeException(nameof(dimensions));

    /// <summary>Vectors held, over all documents.</summary>
    public int Count => _count;

    /// <summary>
    /// Adds vectors to a document's, replacing those of chunks it already has. Vectors are normalized if they are
    /// not already unit length.
    /// </summary>
    public void Upsert(string documentId, IReadOnlyList<(string ChunkId, float[] Vector)> vectors) =>
        UpsertMany([(documentId, vectors)]);

    /// <summary>Several documents' vectors, published as one change.</summary>
    public void UpsertMany(IEnumerable<(string DocumentId, IReadOnlyList<(string ChunkId, float[] Vector)> Vectors)> documents)
    {
        lock (_writeLock)
        {
            var changed = false;
            foreach (var (documentId, vectors) in documents)
            {
                if (vectors.Count == 0)
                {
                    continue;
                }
                foreach (var (chunkId, vector) in vectors)
                {
                    if (vector.Length != Dimensions)
                    {
                        throw new ArgumentException(
                            $"Chunk {chunkId} has a {vector.Length}-dimension vector; this index holds {Dimensions}.", nameof(documents));
                    }
                }
                _byDocument.TryGetValue(documentId, out var existing);
                _byDocument[documentId] = VectorSegment.Merge(existing, vectors, Dimensions);
                changed = true;
            }
            if (changed)
            {
                Publish();
            }
        }
    }

    public bool RemoveDocument(string documentId)
    {
        lock (_writeLock)
        {
            if (!_byDocument.Remove(documentId))
            {
                return false;
            }
            Publish();
            return true;
        }
    }

    /// <summary>Whether the document has a vector for every one of the chunks.</summary>
    public bool ContainsAll(string documentId, IEnumerable<string> chunkIds)
    {
        lock (_writeLock)
        {
            return _byDocument.TryGetValue(documentId, out var segment) && chunkIds.All(segment.Contains);
        }
    }

    /// <summary>The <paramref name="limit"/> chunks most similar to <paramref name="query"/> (a unit vector), best first.</summary>
    public IReadOnlyList<ScoredChunk> Search(ReadOnlySpan<float> query, int limit)
    {
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; this index holds {Dimensions}.", nameof(query));
        }
        if (limit <= 0)
        {
            return [];
        }
        var best = new TopKCollector(limit);
        foreach (var segment in _segments)
        {
            var vectors = segment.Vectors.AsSpan();
            for (var row = 0; row < segment.Count; row++)
            {
                best.Offer(segment.ChunkIds[row], TensorPrimitives.Dot(query, vectors.Slice(row * Dimensions, Dimensions)));
            }
        }
        return best.ToSortedList();
    }

    private void Publish()
    {
        var segments = _byDocument.Values.ToArray();
        _segments = segments;
        _count = segments.Sum(s => s.Count);
    }
}
