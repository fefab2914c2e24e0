using TacticalRag.Api.Retrieval;

namespace TacticalRag.UnitTests.Retrieval;

public sealed class ScoreFusionTests
{
    private static readonly double Boost = new RetrievalOptions().KeywordBoost;
    private static readonly double Threshold = new RetrievalOptions().KeywordBoostThreshold;

    [Theory]
    [InlineData(FusionMethod.KeywordBoost)]
    [InlineData(FusionMethod.ZScore)]
    [InlineData(FusionMethod.MinMax)]
    public void ADecisiveFirstPlaceOutranksAChunkBothListsFindMiddling(FusionMethod method)
    {
        // BM25 is sure of "exact" (far ahead of the rest); the dense list barely tells its candidates apart.
        var keyword = Keyword(("exact", 20f), ("both", 6f), ("k2", 5.5f), ("k3", 5f), ("k4", 4.8f));
        var dense = Dense(("d1", 0.62f), ("both", 0.61f), ("d2", 0.60f), ("d3", 0.595f), ("exact", 0.59f));

        var fused = ScoreFusion.Fuse([keyword, dense], method, 10, Boost, Threshold).Select(f => f.ChunkId).ToList();

        Assert.True(fused.IndexOf("exact") < fused.IndexOf("both"), string.Join(", ", fused));
        // Reciprocal rank fusion sees only ranks: there the chunk both lists place second wins.
        Assert.Equal("both", ReciprocalRankFusion.Fuse([keyword, dense], 60, 10)[0].ChunkId);
    }

    [Fact]
    public void KeywordBoostKeepsTheDenseOrderUnlessBm25SinglesAChunkOut()
    {
        var dense = Dense(Enumerable.Range(0, 50).Select(i => ($"d{i:D2}", 0.8f - i * 0.004f)).ToArray());
        // BM25 in the opposite order, its scores evenly spread: no chunk stands out.
        var ordinary = Keyword(Enumerable.Range(0, 50).Select(i => ($"d{49 - i:D2}", 10f - i * 0.1f)).ToArray());
        // BM25 far surer of d40 (an exact name, say) than of anything else.
        var decisive = Keyword([("d40", 30f), .. Enumerable.Range(0, 49).Select(i => ($"d{i:D2}", 5f - i * 0.05f))]);

        var unchanged = ScoreFusion.Fuse([ordinary, dense], FusionMethod.KeywordBoost, 50, Boost, Threshold);
        var lifted = ScoreFusion.Fuse([decisive, dense], FusionMethod.KeywordBoost, 50, Boost, Threshold);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"d{i:D2}"), unchanged.Select(f => f.ChunkId));
        // From 41st into the top ten; the rest keep the dense order around it.
        Assert.InRange(lifted.Select(f => f.ChunkId).ToList().IndexOf("d40"), 0, 9);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"d{i:D2}").Where(id => id != "d40"), lifted.Select(f => f.ChunkId).Where(id => id != "d40"));
    }

    [Fact]
    public void KeywordBoostWithoutADenseRankingFollowsBm25()
    {
        // An index whose vectors are not computed yet: keyword search alone must still order the chunks.
        var keyword = Keyword(("a", 3f), ("b", 2f), ("c", 1f));

        var fused = ScoreFusion.Fuse([keyword], FusionMethod.KeywordBoost, 50, Boost, Threshold);

        Assert.Equal(["a", "b", "c"], fused.Select(f => f.ChunkId));
    }

    [Fact]
    public void AChunkMissingFromAFullRankingTakesItsLowestScoreNotZero()
    {
        var keyword = Keyword(("a", 10f), ("b", 9f), ("c", 1f));
        var dense = Dense(("d", 0.9f), ("a", 0.5f), ("b", 0.4f));

        // Read 3 deep, both lists are full: what they left out ranked somewhere below their last.
        var fused = ScoreFusion.Fuse([keyword, dense], FusionMethod.MinMax, 3);

        // a: keyword 1.0 + dense 0.2 = 0.6; d: dense 1.0 + keyword floor 0 = 0.5.
        Assert.Equal(["a", "d", "b"], fused.Select(f => f.ChunkId));
        Assert.Equal(0.5, fused.Single(f => f.ChunkId == "d").Score, 6);
    }

    [Fact]
    public void AChunkStillBeingEmbeddedThatBm25SinglesOutComesFirst()
    {
        // BM25 found one chunk for "quarry junction", of a document whose vectors are not computed yet; the dense list
        // ranks everything else.
        var keyword = Keyword(("aar-night", 7.5f));
        var dense = Dense(Enumerable.Range(0, 50).Select(i => ($"c{i:D2}", 0.5f - i * 0.002f)).ToArray());

        var fused = ScoreFusion.Fuse([keyword, dense], FusionMethod.KeywordBoost, 50, Boost, Threshold, id => id != "aar-night");
        var asIfEmbeddedAndDissimilar = ScoreFusion.Fuse([keyword, dense], FusionMethod.KeywordBoost, 50, Boost, Threshold);

        Assert.Equal("aar-night", fused[0].ChunkId);
        Assert.NotEqual("aar-night", asIfEmbeddedAndDissimilar[0].ChunkId);
    }

    [Fact]
    public void AListWithWeightZeroIsIgnoredAndTheWeightsShareTheScore()
    {
        var keyword = Ranking(RankingKind.Keyword, 0, ("a", 3f), ("b", 2f), ("c", 1f));
        var dense = Dense(("c", 0.9f), ("b", 0.5f), ("a", 0.1f));

        var denseOnly = ScoreFusion.Fuse([keyword, dense], FusionMethod.ZScore, 3);
        var mostlyKeyword = ScoreFusion.Fuse(
            [keyword with { Weight = 0.9 }, dense with { Weight = 0.1 }], FusionMethod.ZScore, 3);

        Assert.Equal(["c", "b", "a"], denseOnly.Select(f => f.ChunkId));
        Assert.Equal(["a", "b", "c"], mostlyKeyword.Select(f => f.ChunkId));
    }

    [Fact]
    public void EmptyOrFlatRankingsFuseWithoutDividingByZero()
    {
        Assert.Empty(ScoreFusion.Fuse([Keyword(), Dense()], FusionMethod.ZScore, 10));

        var flat = ScoreFusion.Fuse([Keyword(("a", 2f), ("b", 2f)), Dense(("b", 0.5f))], FusionMethod.ZScore, 2);

        Assert.Equal(["a", "b"], flat.Select(f => f.ChunkId).Order());
        Assert.All(flat, f => Assert.True(double.IsFinite(f.Score)));
    }

    [Fact]
    public void TheDepthCutsTheFusedList()
    {
        var keyword = Keyword(Enumerable.Range(0, 30).Select(i => ($"c{i:D2}", 30f - i)).ToArray());

        Assert.Equal(5, ScoreFusion.Fuse([keyword], FusionMethod.ZScore, 5).Count);
    }

    private static RankedList Keyword(params (string Id, float Score)[] chunks) => Ranking(RankingKind.Keyword, 1, chunks);

    private static RankedList Dense(params (string Id, float Score)[] chunks) => Ranking(RankingKind.Dense, 1, chunks);

    private static RankedList Ranking(RankingKind kind, double weight, params (string Id, float Score)[] chunks) =>
        new(chunks.Select(c => new ScoredChunk(c.Id, c.Score)).ToArray(), weight, kind);
}
