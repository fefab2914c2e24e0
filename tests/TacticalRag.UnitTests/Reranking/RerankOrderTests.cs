using TacticalRag.Api.Reranking;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.UnitTests.Reranking;

public sealed class RerankOrderTests
{
    private static readonly IReadOnlyList<RetrievedChunk> Fused = new[] { "a", "b", "c", "d", "e" }
        .Select((id, i) => new RetrievedChunk("doc", "Title", id, $"text {id}", 1.0 / (i + 1), null, null))
        .ToList();

    [Fact]
    public void TheRerankedCandidatesComeFirstInTheRerankersOrderAndTheRestKeepTheFusedOrder()
    {
        var order = RerankOrder.Apply(Fused, 3, [new(2, 0.9), new(0, 0.5), new(1, 0.1)]);

        Assert.Equal(["c", "a", "b", "d", "e"], order!.Select(p => p.ChunkId));
        Assert.Equal([0.9, 0.5, 0.1, null, null], order!.Select(p => p.RerankScore));
        Assert.Equal(1.0 / 3, order![0].Score);
    }

    [Fact]
    public void ScoresInAnyOrderGiveTheSameResult()
    {
        var order = RerankOrder.Apply(Fused, 3, [new(1, 0.1), new(2, 0.9), new(0, 0.5)]);

        Assert.Equal(["c", "a", "b", "d", "e"], order!.Select(p => p.ChunkId));
    }

    [Fact]
    public void EqualScoresKeepTheFusedOrder()
    {
        var order = RerankOrder.Apply(Fused, 4, [new(3, 0.5), new(1, 0.5), new(2, 0.7), new(0, 0.5)]);

        Assert.Equal(["c", "a", "b", "d", "e"], order!.Select(p => p.ChunkId));
    }

    public static TheoryData<(int Index, double Score)[]> Untrustworthy => new()
    {
        { [(0, 0.9), (1, 0.5)] },
        { [(0, 0.9), (1, 0.5), (2, 0.1), (3, 0.0)] },
        { [(0, 0.9), (0, 0.5), (2, 0.1)] },
        { [(0, 0.9), (1, 0.5), (3, 0.1)] },
        { [(0, 0.9), (1, 0.5), (-1, 0.1)] },
        { [(0, double.NaN), (1, 0.5), (2, 0.1)] },
    };

    [Theory]
    [MemberData(nameof(Untrustworthy))]
    public void ScoresThatDoNotCoverEachCandidateExactlyOnceAreRefused((int Index, double Score)[] scores)
    {
        Assert.Null(RerankOrder.Apply(Fused, 3, scores.Select(s => new RerankScore(s.Index, s.Score)).ToArray()));
    }
}
