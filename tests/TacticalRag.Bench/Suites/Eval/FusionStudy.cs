using System.Globalization;
using System.Text;
using TacticalRag.Api.Retrieval;
using TacticalRag.Bench.Reporting;

namespace TacticalRag.Bench.Suites.Eval;

/// <summary>
/// Ways of fusing BM25's and the dense ranking, scored side by side on the same raw rankings of every set: the
/// evidence for the product's fusion default. Each candidate turns a question's two scored lists into one order.
/// "blind" candidates trust the dense ranking everywhere (the product before languages); "aware" ones use the
/// embedder's coverage as the product does: a question in a language the embedder does not read is ranked by BM25
/// alone, and a chunk in such a language is neither lifted nor sunk by its dense score. The default is chosen by
/// leave-one-set-out: for each set, the candidate best on all the others, scored on the one left out.
/// </summary>
public static class FusionStudy
{
    public sealed record Candidate(string Name, Func<QueryRankings, IReadOnlyList<string>> Fuse);

    /// <summary>How deep each ranking is read before fusion: the product's depth, so its default's row is the product.</summary>
    public static int Depth { get; } = new RetrievalOptions().CandidateDepth;

    /// <summary>The product's default, as the row the leave-one-set-out choice is compared with.</summary>
    public const string ProductDefault = "aware: keyword boost 0.5 above z 2";

    public static IReadOnlyList<Candidate> Candidates()
    {
        var list = new List<Candidate>
        {
            new("BM25 only", r => r.Keyword.Select(c => c.ChunkId).ToList()),
            new("dense only", r => r.Dense.Select(c => c.ChunkId).ToList()),
            new("blind: keyword boost 0.5 above z 2 (before)", r => Ids(ScoreFusion.Fuse(Lists(r, 1, 1, aware: false), FusionMethod.KeywordBoost, Depth, 0.5, 2.0))),
            new("blind: z-score convex, dense 0.5", r => Ids(ScoreFusion.Fuse(Lists(r, 0.5, 0.5, aware: false), FusionMethod.ZScore, Depth))),
        };
        foreach (var k in new[] { 2.0, 60 })
        {
            list.Add(new($"aware: RRF k={k}", r => Ids(ReciprocalRankFusion.Fuse(Lists(r, 1, 1, aware: true), k, Depth))));
        }
        foreach (var method in new[] { FusionMethod.MinMax, FusionMethod.ZScore })
        {
            foreach (var dense in new[] { 0.5, 0.6, 0.7 })
            {
                list.Add(new($"aware: {method} convex, dense {dense}",
                    r => Ids(ScoreFusion.Fuse(Lists(r, 1 - dense, dense, aware: true), method, Depth, denseCanScore: CanScore(r)))));
            }
        }
        foreach (var (boost, threshold) in new[] { (0.5, 1.5), (0.5, 2.0), (0.8, 2.0), (1.0, 2.0), (1.0, 1.5) })
        {
            list.Add(new($"aware: keyword boost {boost} above z {threshold}",
                r => Ids(ScoreFusion.Fuse(Lists(r, 1, 1, aware: true), FusionMethod.KeywordBoost, Depth, boost, threshold, CanScore(r)))));
        }
        return list;
    }

    public static string Report(IReadOnlyList<SetResult> sets)
    {
        var text = new StringBuilder();
        text.AppendLine("### Fusion alternatives on the same rankings (nDCG@10 / MRR@10)");
        text.AppendLine();
        var candidates = Candidates();
        var table = new MarkdownTable(["Fusion", .. sets.Select(s => s.Set), "mean nDCG", "worst nDCG margin vs better single"]);
        var scores = candidates.ToDictionary(c => c.Name, c => sets.Select(s => Score(s, c)).ToList());
        var better = sets.Select((_, i) => Math.Max(scores["BM25 only"][i].Ndcg, scores["dense only"][i].Ndcg)).ToList();
        foreach (var candidate in candidates)
        {
            var row = scores[candidate.Name];
            var margin = row.Select((score, i) => score.Ndcg - better[i]).Min();
            table.Add([candidate.Name, .. row.Select(s => $"{F(s.Ndcg)} / {F(s.Mrr)}"), F(row.Average(s => s.Ndcg)), Signed(margin)]);
        }
        text.AppendLine(table.ToString());

        if (sets.Count < 2)
        {
            return text.ToString();
        }
        text.AppendLine("### Leave one set out");
        text.AppendLine();
        text.AppendLine("For each set: the fusion with the best worst-margin (nDCG@10 minus the better single ranker's; ties by mean "
            + "nDCG) on every other set, and how it does on the set left out.");
        text.AppendLine();
        var loso = new MarkdownTable("Set left out", "Chosen on the others", "its nDCG@10 there", "better single", "margin", $"default ({ProductDefault})", "default's margin");
        var fused = candidates.Skip(2).ToList();
        for (var held = 0; held < sets.Count; held++)
        {
            var others = Enumerable.Range(0, sets.Count).Where(i => i != held).ToList();
            var chosen = fused
                .OrderByDescending(c => others.Min(i => scores[c.Name][i].Ndcg - better[i]))
                .ThenByDescending(c => others.Average(i => scores[c.Name][i].Ndcg))
                .First();
            var product = scores[ProductDefault][held].Ndcg;
            loso.Add(sets[held].Set, chosen.Name, F(scores[chosen.Name][held].Ndcg), F(better[held]),
                Signed(scores[chosen.Name][held].Ndcg - better[held]), F(product), Signed(product - better[held]));
        }
        text.AppendLine(loso.ToString());
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

    private static string Signed(double value) => Math.Round(value, 3).ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    /// <summary>The two rankings; aware, the dense one only where the embedder reads the question, and only its chunks it reads.</summary>
    private static RankedList[] Lists(QueryRankings r, double keywordWeight, double denseWeight, bool aware)
    {
        var keyword = new RankedList(r.Keyword.Take(Depth).ToList(), keywordWeight, RankingKind.Keyword);
        if (!aware)
        {
            return [keyword, new(r.Dense.Take(Depth).ToList(), denseWeight, RankingKind.Dense)];
        }
        return r.QuestionCovered
            ? [keyword, new(r.Dense.Take(Depth).Where(c => !r.UncoveredChunks.Contains(c.ChunkId)).ToList(), denseWeight, RankingKind.Dense)]
            : [keyword];
    }

    private static Func<string, bool> CanScore(QueryRankings r) => id => !r.UncoveredChunks.Contains(id);

    private static List<string> Ids(IEnumerable<FusedChunk> fused) => fused.Select(f => f.ChunkId).ToList();
}
