using System.Numerics.Tensors;

namespace TacticalRag.Api.Retrieval;

/// <summary>One document's chunk vectors, row after row in one array. Immutable once published.</summary>
internal sealed class VectorSegment(string[] chunkIds, float[] vectors)
{
    public string[] ChunkIds { get; } = chunkIds;

    public float[] Vectors { get; } = vectors;

    /// <summary>A new segment: the old one's rows with <paramref name="updates"/> replacing or joining them.</summary>
    public static VectorSegment Merge(VectorSegment? existing, IReadOnlyList<(string ChunkId, float[] Vector)> updates, int dimensions)
    {
        var rows = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        if (existing is not null)
        {
            for (var row = 0; row < existing.ChunkIds.Length; row++)
            {
                rows[existing.ChunkIds[row]] = existing.Vectors.AsMemory(row * dimensions, dimensions);
            }
        }
        foreach (var (chunkId, vector) in updates)
        {
            rows[chunkId] = vector;
        }

        var ids = new string[rows.Count];
        var packed = new float[rows.Count * dimensions];
        var index = 0;
        foreach (var (chunkId, vector) in rows)
        {
            ids[index] = chunkId;
            var target = packed.AsSpan(index * dimensions, dimensions);
            vector.Span.CopyTo(target);
            NormalizeInPlace(target);
            index++;
        }
        return new VectorSegment(ids, packed);
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
