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

    public static IReadOnlyList<Candidate> Candidates()
    {
        var list = new List<Candidate>
        {
            new("BM25 only", r => r.Keyword.Select(c => c.ChunkId).ToList()),
            new("dense only", r => r.Dense.Select(c => c.ChunkId).ToList()),
        };
        foreach (var k in new[] { 2.0, 10, 60 })
        {
            list.Add(new($"RRF k={k}", r => Rrf(r, k, 1, 1)));
        }
        foreach (var alpha in new[] { 0.3, 0.4, 0.5, 0.6, 0.7, 0.8 })
        {
            list.Add(new($"min-max convex, dense {alpha}", r => Convex(r, alpha, MinMax)));
        }
        foreach (var alpha in new[] { 0.5, 0.6, 0.7 })
        {
            list.Add(new($"z-score convex, dense {alpha}", r => Convex(r, alpha, ZScore)));
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
            table.Add([candidate.Name, .. scores.Select(s => $"{F(s.Ndcg)} / {F(s.Mrr)}"), F(scores.Average(s => s.Ndcg)), margin.ToString("+0.000;-0.000", CultureInfo.InvariantCulture)]);
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

    private static List<string> Rrf(QueryRankings r, double k, double keywordWeight, double denseWeight) =>
        ReciprocalRankFusion.Fuse([new RankedList(r.Keyword, keywordWeight), new RankedList(r.Dense, denseWeight)], k, EvalRun.RawDepth)
            .Select(f => f.ChunkId).ToList();

    private static List<string> Convex(QueryRankings r, double denseWeight, Func<IReadOnlyList<ScoredChunk>, Dictionary<string, double>> normalize)
    {
        var keyword = normalize(r.Keyword);
        var dense = normalize(r.Dense);
        double Floor(Dictionary<string, double> scores) => scores.Count == 0 ? 0 : scores.Values.Min();
        var (keywordFloor, denseFloor) = (Floor(keyword), Floor(dense));
        return keyword.Keys.Union(dense.Keys)
            .Select(id => (id, score: (1 - denseWeight) * keyword.GetValueOrDefault(id, keywordFloor) + denseWeight * dense.GetValueOrDefault(id, denseFloor)))
            .OrderByDescending(x => x.score).ThenBy(x => x.id, StringComparer.Ordinal)
            .Select(x => x.id).ToList();
    }

    private static Dictionary<string, double> MinMax(IReadOnlyList<ScoredChunk> list)
    {
        if (list.Count == 0) return [];
        var (min, max) = (list.Min(c => c.Score), list.Max(c => c.Score));
        return list.DistinctBy(c => c.ChunkId).ToDictionary(c => c.ChunkId, c => max > min ? (c.Score - min) / (double)(max - min) : 1.0);
    }

    private static Dictionary<string, double> ZScore(IReadOnlyList<ScoredChunk> list)
    {
        if (list.Count == 0) return [];
        var mean = list.Average(c => c.Score);
        var sd = Math.Sqrt(list.Average(c => (c.Score - mean) * (c.Score - mean)));
        return list.DistinctBy(c => c.ChunkId).ToDictionary(c => c.ChunkId, c => sd > 0 ? (c.Score - mean) / sd : 0);
    }
}
