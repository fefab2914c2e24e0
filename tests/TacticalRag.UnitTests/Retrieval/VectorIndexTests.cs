using TacticalRag.Api.Retrieval;

namespace TacticalRag.UnitTests.Retrieval;

public sealed class VectorIndexTests
{
    private const int Dimensions = 16;

    [Fact]
    public void TopKIsExactlyTheBruteForceRanking()
    {
        var random = new Random(7);
        var index = new VectorIndex(Dimensions);
        var all = new List<(string Id, float[] Vector)>();
        for (var doc = 0; doc < 20; doc++)
        {
            var vectors = Enumerable.Range(0, 50).Select(i => ($"d{doc}-{i:D3}", UnitVector(random))).ToList();
            index.Upsert($"d{doc}", vectors);
            all.AddRange(vectors);
        }

        for (var q = 0; q < 25; q++)
        {
            var query = UnitVector(random);
            var expected = all
                .Select(c => (c.Id, Score: Dot(query, c.Vector)))
                .OrderByDescending(c => c.Score).ThenBy(c => c.Id, StringComparer.Ordinal)
                .Take(10).ToList();

            var actual = index.Search(query, 10);

            Assert.Equal(expected.Select(e => e.Id), actual.Select(a => a.ChunkId));
            Assert.All(expected.Zip(actual), p => Assert.Equal(p.First.Score, p.Second.Score, 4));
        }
    }

    [Fact]
    public void EqualScoresAreOrderedByChunkId()
    {
        var index = new VectorIndex(2);
        index.Upsert("d", [("c", [1f, 0f]), ("a", [1f, 0f]), ("b", [1f, 0f]), ("z", [0f, 1f])]);

        Assert.Equal(["a", "b"], index.Search([1f, 0f], 2).Select(r => r.ChunkId));
    }

    [Fact]
    public void VectorsAreNormalizedSoScoresAreCosines()
    {
        var index = new VectorIndex(2);
        index.Upsert("d", [("long", [3f, 4f])]);

        Assert.Equal(0.6f, index.Search([1f, 0f], 1)[0].Score, 5);
    }

    [Fact]
    public void UpsertingADocumentReplacesItsChunksVectorsAndKeepsTheOthers()
    {
        var index = new VectorIndex(2);
        index.Upsert("d", [("a", [1f, 0f]), ("b", [0f, 1f])]);
        index.Upsert("d", [("a", [0f, 1f]), ("c", [1f, 0f])]);

        Assert.Equal(3, index.Count);
        Assert.Equal("c", index.Search([1f, 0f], 1)[0].ChunkId);
        Assert.Equal(["a", "b"], index.Search([0f, 1f], 2).Select(r => r.ChunkId).Order());
    }

    [Fact]
    public void RemovingADocumentRemovesAllItsVectors()
    {
        var index = new VectorIndex(2);
        index.Upsert("gone", [("g1", [1f, 0f]), ("g2", [1f, 0.1f])]);
        index.Upsert("kept", [("k1", [0f, 1f])]);

        Assert.True(index.RemoveDocument("gone"));
        Assert.False(index.RemoveDocument("gone"));

        Assert.Equal(1, index.Count);
        Assert.Equal(["k1"], index.Search([1f, 0f], 5).Select(r => r.ChunkId));
    }

    [Fact]
    public void RefusesVectorsOfAnotherDimension()
    {
        var index = new VectorIndex(Dimensions);

        Assert.Throws<ArgumentException>(() => index.Upsert("d", [("a", new float[Dimensions + 1])]));
        Assert.Throws<ArgumentException>(() => index.Search(new float[3], 1));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public async Task SearchesDuringWritesSeeWholeDocumentsOnly()
    {
        var index = new VectorIndex(2);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested && i < 2000; i++)
            {
                index.Upsert($"d{i}", [($"d{i}-a", [1f, 0f]), ($"d{i}-b", [1f, 0f])]);
                if (i % 2 == 0) index.RemoveDocument($"d{i}");
            }
        });

        while (!writer.IsCompleted)
        {
            var hits = index.Search([1f, 0f], 1000);
            // Both chunks of a document arrive and leave together.
            Assert.All(hits.GroupBy(h => h.ChunkId[..^2]), g => Assert.Equal(2, g.Count()));
        }
        await writer;
    }

    internal static float[] UnitVector(Random random, int dimensions = Dimensions)
    {
        var vector = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }

    private static float Dot(float[] a, float[] b) => a.Zip(b).Sum(p => p.First * p.Second);
}
