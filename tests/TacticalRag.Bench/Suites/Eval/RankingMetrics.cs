namespace TacticalRag.Bench.Suites.Eval;

/// <summary>The scores of one ranking mode over a set: means over the questions that have a relevant unit.</summary>
public sealed record RankingScores(int Questions, double NdcgAt10, double RecallAt10, double MrrAt10, double HitAt1, double HitAt5)
{
    public static RankingScores Mean(IReadOnlyList<RankingScores> perQuery) => perQuery.Count == 0
        ? new RankingScores(0, 0, 0, 0, 0, 0)
        : new RankingScores(perQuery.Count,
            perQuery.Average(s => s.NdcgAt10), perQuery.Average(s => s.RecallAt10), perQuery.Average(s => s.MrrAt10),
            perQuery.Average(s => s.HitAt1), perQuery.Average(s => s.HitAt5));
}

/// <summary>
/// nDCG@10 (gain = the grade, log2 discount, ideal from every judged unit), recall@10, MRR@10, hit@1 and hit@5 of one
/// ranked list of units (deduplicated, best first) against a question's graded relevant units.
/// </summary>
public static class RankingMetrics
{
    public const int Depth = 10;

    public static RankingScores Score(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant)
    {
        var top = ranked.Take(Depth).ToList();
        var dcg = top.Select((unit, i) => relevant.GetValueOrDefault(unit) / Math.Log2(i + 2)).Sum();
        var ideal = relevant.Values.OrderDescending().Take(Depth).Select((grade, i) => grade / Math.Log2(i + 2)).Sum();
        var first = top.FindIndex(relevant.ContainsKey);
        return new RankingScores(
            1,
            ideal == 0 ? 0 : dcg / ideal,
            relevant.Count == 0 ? 0 : top.Count(relevant.ContainsKey) / (double)relevant.Count,
            first < 0 ? 0 : 1.0 / (first + 1),
            first == 0 ? 1 : 0,
            first is >= 0 and < 5 ? 1 : 0);
    }

    /// <summary>Units of the ranked chunks in order, each once (a passage split into two chunks counts once).</summary>
    public static IReadOnlyList<string> Units(IEnumerable<EvalChunk> chunks, IRelevanceJudge judge) =>
        chunks.Select(judge.UnitOf).Distinct(StringComparer.Ordinal).ToList();
}
