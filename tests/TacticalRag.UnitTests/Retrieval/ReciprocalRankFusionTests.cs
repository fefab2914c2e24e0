using TacticalRag.Api.Retrieval;

namespace TacticalRag.UnitTests.Retrieval;

public sealed class ReciprocalRankFusionTests
{
    private static RankedList List(double weight, params string[] ids) =>
        new(ids.Select((id, i) => new ScoredChunk(id, 100 - i)).ToList(), weight, RankingKind.Keyword);

    [Fact]
    public void ScoresEachChunkByTheSumOfWeightOverKPlusRank()
    {
        var fused = ReciprocalRankFusion.Fuse([List(1.0, "a", "b"), List(0.5, "b", "c")], k: 60, limit: 10);

        Assert.Equal(["b", "a", "c"], fused.Select(f => f.ChunkId));
        Assert.Equal(1.0 / 62 + 0.5 / 61, fused[0].Score, 12);
        Assert.Equal(1.0 / 61, fused[1].Score, 12);
        Assert.Equal(0.5 / 62, fused[2].Score, 12);
    }

    [Fact]
    public void AChunkFoundByBothRankingsBeatsOneFoundByOnlyOneAtTheSameRank()
    {
        var fused = ReciprocalRankFusion.Fuse([List(1, "only-keyword", "both"), List(1, "only-dense", "both")], k: 60, limit: 3);

        Assert.Equal("both", fused[0].ChunkId);
    }

    [Fact]
    public void EqualScoresGoToTheChunkWithTheStrongestSinglePlacingThenById()
    {
        // With k = 0 every chunk below scores 1: "a" from two second places, the others from one first place each.
        var fused = ReciprocalRankFusion.Fuse([List(1, "single"), List(1, "p1", "a"), List(1, "p2", "a")], k: 0, limit: 10);

        Assert.All(fused, f => Assert.Equal(1.0, f.Score, 12));
        Assert.Equal(["p1", "p2", "single", "a"], fused.Select(f => f.ChunkId));
    }

    [Fact]
    public void CountsAChunkOncePerRankingAtItsBestRank()
    {
        var fused = ReciprocalRankFusion.Fuse([List(1, "a", "a", "b")], k: 60, limit: 10);

        Assert.Equal(1.0 / 61, fused.Single(f => f.ChunkId == "a").Score, 12);
    }

    [Fact]
    public void IgnoresRankingsWithoutWeightAndStopsAtTheLimit()
    {
        var fused = ReciprocalRankFusion.Fuse([List(0, "ignored"), List(1, "a", "b", "c")], k: 60, limit: 2);

        Assert.Equal(["a", "b"], fused.Select(f => f.ChunkId));
    }

    [Fact]
    public void FusingNothingGivesNothing()
    {
        Assert.Empty(ReciprocalRankFusion.Fuse([], k: 60, limit: 5));
        Assert.Empty(ReciprocalRankFusion.Fuse([List(1)], k: 60, limit: 5));
    }

    [Fact]
    public void WithTheDefaultKAndEqualWeightsAUselessRankingCannotPushTheOtherRankingsFirstChoiceOutOfTheTopFive()
    {
        var ranks = GoldRanksAgainstRandomRankings(new RetrievalOptions().RrfK, 1, 1);

        Assert.All(ranks, rank => Assert.InRange(rank, 1, 5));
        Assert.True(ranks.Average() < 2.5, $"mean rank {ranks.Average():F2}");
    }

    [Fact]
    public void WithTheTextbookKOfSixtyAUselessRankingBuriesTheOtherRankingsFirstChoice()
    {
        // Why the default k is small: at 60, chunks that both lists place middling outscore a single first place.
        var ranks = GoldRanksAgainstRandomRankings(k: 60, 1, 1);

        Assert.True(ranks.Average() > 10, $"mean rank {ranks.Average():F2}");
    }

    /// <summary>
    /// A good ranking puts "gold" first; the other is a random order of the same candidates (plus some of its own)
    /// without gold, as a dense ranking is when the embedding misses the question. Where does gold land?
    /// </summary>
    private static List<int> GoldRanksAgainstRandomRankings(double k, double goodWeight, double randomWeight)
    {
        var random = new Random(12345);
        var good = new[] { "gold" }.Concat(Enumerable.Range(1, 49).Select(i => $"c{i:D2}")).ToArray();
        var ranks = new List<int>();
        for (var trial = 0; trial < 500; trial++)
        {
            var useless = good.Skip(1).Concat(Enumerable.Range(0, 20).Select(i => $"w{i:D2}")).ToArray();
            random.Shuffle(useless);
            var fused = ReciprocalRankFusion.Fuse([List(goodWeight, good), List(randomWeight, useless[..50])], k, limit: 50);
            ranks.Add(fused.Select(f => f.ChunkId).ToList().IndexOf("gold") + 1);
        }
        return ranks;
    }
}
