using TacticalRag.Api.Retrieval;

namespace TacticalRag.UnitTests.Retrieval;

public sealed class ScoreFusionTests
{
    [Theory]
    [InlineData(FusionMethod.ZScore)]
    [InlineData(FusionMethod.MinMax)]
    public void ADecisiveFirstPlaceOutranksAChunkBothListsFindMiddling(FusionMethod method)
    {
        // BM25 is sure of "exact" (far ahead of the rest); the dense list barely tells its candidates apart.
        var keyword = Ranking(("exact", 20f), ("both", 6f), ("k2", 5.5f), ("k3", 5f), ("k4", 4.8f));
        var dense = Ranking(("d1", 0.62f), ("both", 0.61f), ("d2", 0.60f), ("d3", 0.595f), ("exact", 0.59f));

        var fused = ScoreFusion.Fuse([new RankedList(keyword, 1), new RankedList(dense, 1)], method, 10).Select(f => f.ChunkId).ToList();

        Assert.True(fused.IndexOf("exact") < fused.IndexOf("both"), string.Join(", ", fused));
        // Reciprocal rank fusion sees only ranks: there the chunk both lists place second wins.
        Assert.Equal("both", ReciprocalRankFusion.Fuse([new RankedList(keyword, 1), new RankedList(dense, 1)], 60, 10)[0].ChunkId);
    }

    [Fact]
    public void AChunkOneListMissedTakesThatListsLowestScoreNotZero()
    {
        var keyword = Ranking(("a", 10f), ("b", 9f), ("c", 1f));
        var dense = Ranking(("d", 0.9f), ("a", 0.5f), ("b", 0.4f));

        var fused = ScoreFusion.Fuse([new RankedList(keyword, 1), new RankedList(dense, 1)], FusionMethod.MinMax, 10);

        // d: dense 1.0 + keyword floor 0 = 0.5; a: keyword 1.0 + dense 0.2 = 0.6.
        Assert.Equal(["a", "d", "b", "c"], fused.Select(f => f.ChunkId));
        Assert.Equal(0.5, fused.Single(f => f.ChunkId == "d").Score, 6);
    }

    [Fact]
    public void AListWithWeightZeroIsIgnoredAndTheWeightsShareTheScore()
    {
        var keyword = Ranking(("a", 3f), ("b", 2f), ("c", 1f));
        var dense = Ranking(("c", 0.9f), ("b", 0.5f), ("a", 0.1f));

        var denseOnly = ScoreFusion.Fuse([new RankedList(keyword, 0), new RankedList(dense, 1)], FusionMethod.ZScore, 10);
        var mostlyKeyword = ScoreFusion.Fuse([new RankedList(keyword, 0.9), new RankedList(dense, 0.1)], FusionMethod.ZScore, 10);

        Assert.Equal(["c", "b", "a"], denseOnly.Select(f => f.ChunkId));
        Assert.Equal(["a", "b", "c"], mostlyKeyword.Select(f => f.ChunkId));
    }

    [Fact]
    public void EmptyOrFlatRankingsFuseWithoutDividingByZero()
    {
        Assert.Empty(ScoreFusion.Fuse([new RankedList([], 1), new RankedList([], 1)], FusionMethod.ZScore, 10));

        var flat = ScoreFusion.Fuse([new RankedList(Ranking(("a", 2f), ("b", 2f)), 1), new RankedList(Ranking(("b", 0.5f)), 1)], FusionMethod.ZScore, 10);

        Assert.Equal(["a", "b"], flat.Select(f => f.ChunkId).Order());
        Assert.All(flat, f => Assert.True(double.IsFinite(f.Score)));
    }

    [Fact]
    public void TheLimitCutsTheFusedList()
    {
        var keyword = Ranking(Enumerable.Range(0, 30).Select(i => ($"c{i:D2}", 30f - i)).ToArray());

        Assert.Equal(5, ScoreFusion.Fuse([new RankedList(keyword, 1)], FusionMethod.ZScore, 5).Count);
    }

    private static ScoredChunk[] Ranking(params (string Id, float Score)[] chunks) =>
        chunks.Select(c => new ScoredChunk(c.Id, c.Score)).ToArray();
}
