using System.Globalization;
using System.Text;
using TacticalRag.Api.Retrieval;
using TacticalRag.Bench.Reporting;

namespace TacticalRag.Bench.Suites.Eval;

/// <summary>
/// Ways of fusing BM25's and the dense ranking, scored side by side on the same raw rankings of every set: the
/// evidence for the product's fusion default. Each candidate turns a question's two scored lists into one order.
/// </summary>
public static class FusionStudy
{
    public sealed record Candidate(string Name, Func<QueryRankings, IReadOnlyList<string>> Fuse);

    /// <summary>How deep each ranking is read before fusion: the product's depth, so its default's row is the product.</summary>
    public static int Depth { get; } = new RetrievalOptions().CandidateDepth;

    public static IReadOnlyList<Candidate> Candidates()
    {
        var list = new List<Candidate>
        {
            new("BM25 only", r => r.Keyword.Select(c => c.ChunkId).ToList()),
            new("dense only", r => r.Dense.Select(c => c.ChunkId).ToList()),
        };
        foreach (var k in new[] { 2.0, 10, 60 })
        {
            list.Add(new($"RRF k={k}", r => Ids(ReciprocalRankFusion.Fuse(Lists(r, 1, 1), k, Depth))));
        }
        foreach (var method in new[] { FusionMethod.MinMax, FusionMethod.ZScore })
        {
            foreach (var dense in new[] { 0.5, 0.6, 0.7, 0.8 })
            {
                list.Add(new($"{method} convex, dense {dense}", r => Ids(ScoreFusion.Fuse(Lists(r, 1 - dense, dense), method, Depth))));
            }
        }
        foreach (var (boost, threshold) in new[] { (0.3, 2.0), (0.5, 1.5), (0.5, 2.0), (0.5, 2.5), (0.5, 3.0), (0.8, 2.0), (0.8, 2.5), (1.0, 2.0) })
        {
            list.Add(new($"keyword boost {boost} above z {threshold}",
                r => Ids(ScoreFusion.Fuse(Lists(r, 1, 1), FusionMethod.KeywordBoost, Depth, boost, threshold))));
        }
        return list;
    }

    public static string Report(IReadOnlyList<SetResult> sets)
    {
        var text = new StringBuilder();
        text.AppendLine("### Fusion alternatives on the same rankings (nDCG@10 / MRR@10)");
        text.AppendLine();
        var table = new MarkdownTable(["Fusion", .. sets.Select(s => s.Set), "mean nDCG", "worst margin vs better single"]);
        var singles = sets.Select(s => (Bm25: Score(s, Candidates()[0]), Dense: Score(s, Candidates()[1]))).ToList();
        foreach (var candidate in Candidates())
        {
            var scores = sets.Select(s => Score(s, candidate)).ToList();
            var margin = scores.Select((score, i) => Math.Min(
                score.Ndcg - Math.Max(singles[i].Bm25.Ndcg, singles[i].Dense.Ndcg),
                score.Mrr - Math.Max(singles[i].Bm25.Mrr, singles[i].Dense.Mrr))).Min();
            table.Add([candidate.Name, .. scores.Select(s => $"{F(s.Ndcg)} / {F(s.Mrr)}"), F(scores.Average(s => s.Ndcg)), Math.Round(margin, 3).ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture)]);
        }
        text.AppendLine(table.ToString());
        return text.ToString();
    }

    public static (double Ndcg, double Mrr) Score(SetResult set, Candidate candidate)
    {
        var scores = set.Rankings.Select(r =>
            RankingMetrics.Score(candidate.Fuse(r).Select(id => set.UnitOf[id]).Distinct(StringComparer.Ordinal).ToList(), r.Relevant)).ToList();
        var mean = RankingScores.Mean(scores);
        return (mean.NdcgAt10, mean.MrrAt10);
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static RankedList[] Lists(QueryRankings r, double keywordWeight, double denseWeight) =>
        [new(r.Keyword.Take(Depth).ToList(), keywordWeight, RankingKind.Keyword), new(r.Dense.Take(Depth).ToList(), denseWeight, RankingKind.Dense)];

    private static List<string> Ids(IEnumerable<FusedChunk> fused) => fused.Select(f => f.ChunkId).ToList();
}
