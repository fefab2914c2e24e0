using System.Numerics.Tensors;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// One document's chunk vectors, row after row in one array with room to grow. A published segment is immutable as
/// far as its readers see: they read only its first <see cref="Count"/> rows. New chunks are written past that count
/// into the same arrays (no reader looks there), so a document embedded in many small batches costs amortised
/// linear time, not a full copy per batch; arrays are copied only when they are full (doubling) or when an existing
/// row's vector is replaced (rare: re-embedding drops the vectors first).
/// </summary>
internal sealed class VectorSegment
{
    private const int MinimumCapacity = 16;

    // Shared by the segments that share the arrays; only the newest of them is ever merged into (under the index's lock).
    private readonly Dictionary<string, int> _rowOf;

    private VectorSegment(string[] chunkIds, float[] vectors, int count, Dictionary<string, int> rowOf)
    {
        ChunkIds = chunkIds;
        Vectors = vectors;
        Count = count;
        _rowOf = rowOf;
    }

    /// <summary>Row ids; only the first <see cref="Count"/> are this segment's.</summary>
    public string[] ChunkIds { get; }

    /// <summary>Rows of unit vectors; only the first <see cref="Count"/> rows are this segment's.</summary>
    public float[] Vectors { get; }

    public int Count { get; }

    /// <summary>Whether this (the newest) segment holds a vector for the chunk.</summary>
    public bool Contains(string chunkId) => _rowOf.TryGetValue(chunkId, out var row) && row < Count;

    /// <summary>The segment after <paramref name="updates"/> replace or join <paramref name="existing"/>'s rows.</summary>
    public static VectorSegment Merge(VectorSegment? existing, IReadOnlyList<(string ChunkId, float[] Vector)> updates, int dimensions)
    {
        var rowOf = existing?._rowOf ?? new Dictionary<string, int>(StringComparer.Ordinal);
        var count = existing?.Count ?? 0;
        var ids = existing?.ChunkIds ?? [];
        var vectors = existing?.Vectors ?? [];
        var added = updates.Count(u => !rowOf.ContainsKey(u.ChunkId));
        var replaces = added < updates.Count;
        if (replaces || count + added > ids.Length)
        {
            // A replaced row must not change under a reader of the old segment; a full array must grow.
            var capacity = Math.Max(MinimumCapacity, Math.Max(ids.Length, count + added));
            if (count + added > ids.Length)
            {
                capacity = Math.Max(capacity, ids.Length * 2);
            }
            ids = Copy(ids, count, capacity);
            vectors = Copy(vectors, count * dimensions, capacity * dimensions);
        }
        foreach (var (chunkId, vector) in updates)
        {
            if (!rowOf.TryGetValue(chunkId, out var row))
            {
                row = count++;
                rowOf[chunkId] = row;
                ids[row] = chunkId;
            }
            var target = vectors.AsSpan(row * dimensions, dimensions);
            vector.AsSpan().CopyTo(target);
            NormalizeInPlace(target);
        }
        return new VectorSegment(ids, vectors, count, rowOf);
    }

    private static T[] Copy<T>(T[] source, int used, int capacity)
    {
        var copy = new T[capacity];
        Array.Copy(source, copy, used);
        return copy;
    }

    private static void NormalizeInPlace(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        // MiniLM's vectors are unit length already; others (or rounding in storage) are brought to it.
        if (norm > 0 && MathF.Abs(norm - 1f) > 1e-4f)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
