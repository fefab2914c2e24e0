using TacticalRag.Api.Retrieval;

namespace TacticalRag.UnitTests.Retrieval;

public sealed class VectorSegmentTests
{
    private const int Dimensions = 4;

    [Fact]
    public void EmbeddingADocumentInSmallBatchesCopiesItsVectorsOnlyWhenTheBufferDoubles()
    {
        VectorSegment? segment = null;
        var buffers = new HashSet<float[]>(ReferenceEqualityComparer.Instance);
        const int batches = 2_500;
        for (var batch = 0; batch < batches; batch++)
        {
            segment = VectorSegment.Merge(segment, Batch(batch * 8, 8), Dimensions);
            buffers.Add(segment.Vectors);
        }

        // 20,000 rows in batches of 8: a copy per batch would make 2,500 buffers; doubling makes about log2(20,000 / 16).
        Assert.Equal(batches * 8, segment!.Count);
        Assert.InRange(buffers.Count, 1, 12);
        // Every buffer ever made, together, is within a small multiple of the rows held (a geometric series).
        Assert.InRange(buffers.Sum(b => b.Length) / Dimensions, segment.Count, 4 * segment.Count);
    }

    [Fact]
    public void AnEarlierSegmentStillReadsItsOwnRowsAfterLaterBatchesAndReplacements()
    {
        var first = VectorSegment.Merge(null, Batch(0, 3), Dimensions);
        var second = VectorSegment.Merge(first, Batch(3, 2), Dimensions);
        var third = VectorSegment.Merge(second, [("c00000", [0f, 0f, 0f, 1f])], Dimensions);

        Assert.Equal(3, first.Count);
        Assert.Equal(["c00000", "c00001", "c00002"], first.ChunkIds.Take(first.Count));
        Assert.Equal(1f, first.Vectors[0]);
        Assert.Equal(5, third.Count);
        Assert.Equal(1f, third.Vectors[3]);
        Assert.True(third.Contains("c00004"));
    }

    private static List<(string ChunkId, float[] Vector)> Batch(int first, int count) =>
        Enumerable.Range(first, count).Select(i => ($"c{i:D5}", new[] { 1f, 0f, 0f, 0f })).ToList();
}
