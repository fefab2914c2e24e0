namespace TacticalRag.Api.Retrieval;

/// <summary>How the rankings of one search are fused into one order (docs/decisions.md has the measurements).</summary>
public enum FusionMethod
{
    /// <summary>
    /// The dense order, with the chunks BM25 singles out raised: a chunk whose BM25 z-score is above
    /// <see cref="RetrievalOptions.KeywordBoostThreshold"/> gains <see cref="RetrievalOptions.KeywordBoost"/> times the
    /// excess. The default: on every evaluation set it is at least as good as the better single ranking.
    /// </summary>
    KeywordBoost,

    /// <summary>Each ranking's scores standardised per query (z-scores), then a weighted mean.</summary>
    ZScore,

    /// <summary>Each ranking's scores scaled to 0..1 per query (min-max), then a weighted mean.</summary>
    MinMax,

    /// <summary>Weighted reciprocal rank fusion: ranks only, scores ignored.</summary>
    ReciprocalRank,
}

/// <summary>
/// Score fusion: every ranking's scores are put on one scale per query, then combined. Unlike rank fusion, how far ahead
/// a first place is counts. Each ranking is scaled as if it had filled its depth: one that returned fewer chunks (few
/// keyword matches, or a small library) counts the empty places as scores of 0, so its statistics do not depend on the
/// library's size; a full ranking's missing chunks take its lowest score, since they ranked somewhere below it.
/// </summary>
internal static class ScoreFusion
{
    /// <param name="denseCanScore">
    /// Whether the dense ranking could have scored a chunk (it has a vector). One that could not, a chunk still being
    /// embedded, takes the mean of what the dense ranking listed: unknown, not bad. Null: every chunk could.
    /// </param>
    public static IReadOnlyList<FusedChunk> Fuse(
        IEnumerable<RankedList> lists, FusionMethod method, int depth, double keywordBoost = 0, double keywordBoostThreshold = 0,
        Func<string, bool>? denseCanScore = null)
    {
        var scaled = lists
            .Where(list => list.Weight > 0 && list.Ranking.Count > 0)
            .Select(list => new ScaledRanking(
                list,
                method == FusionMethod.MinMax ? Scale.MinMax(list.Ranking, depth) : Scale.ZScore(list.Ranking, depth),
                list.Kind == RankingKind.Dense ? denseCanScore : null))
            .ToList();
        var boosting = method == FusionMethod.KeywordBoost && scaled.Any(s => s.List.Kind == RankingKind.Dense);
        var fused = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var chunkId in scaled.SelectMany(s => s.Scale.Scores.Keys).Distinct(StringComparer.Ordinal))
        {
            fused[chunkId] = boosting
                ? WeightedMean(scaled.Where(s => s.List.Kind == RankingKind.Dense), chunkId)
                    + keywordBoost * WeightedMean(scaled.Where(s => s.List.Kind == RankingKind.Keyword), chunkId, keywordBoostThreshold)
                : WeightedMean(scaled, chunkId);
        }
        return fused
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(depth)
            .Select(p => new FusedChunk(p.Key, p.Value))
            .ToList();
    }

    /// <summary>The weighted mean of a chunk's scaled scores; with a threshold, of the part of each above it.</summary>
    private static double WeightedMean(IEnumerable<ScaledRanking> rankings, string chunkId, double? threshold = null)
    {
        var (sum, weights) = (0.0, 0.0);
        foreach (var ranking in rankings)
        {
            var score = ranking.CanScore is { } canScore && !canScore(chunkId) ? ranking.Scale.Mean : ranking.Scale.Of(chunkId);
            sum += ranking.List.Weight * (threshold is { } t ? Math.Max(0, score - t) : score);
            weights += ranking.List.Weight;
        }
        return weights > 0 ? sum / weights : 0;
    }

    private sealed record ScaledRanking(RankedList List, Scale Scale, Func<string, bool>? CanScore);

    /// <summary>A ranking's scores on the common scale, and the scaled score of a chunk it did not return.</summary>
    private sealed record Scale(Dictionary<string, double> Scores, double Missing, double Mean)
    {
        public double Of(string chunkId) => Scores.GetValueOrDefault(chunkId, Missing);

        public static Scale ZScore(IReadOnlyList<ScoredChunk> ranking, int slots) => Build(ranking, slots, population =>
        {
            var mean = population.Average();
            var deviation = Math.Sqrt(population.Average(s => (s - mean) * (s - mean)));
            return (mean, deviation);
        });

        public static Scale MinMax(IReadOnlyList<ScoredChunk> ranking, int slots) => Build(ranking, slots, population =>
            (population.Min(), population.Max() - population.Min()));

        /// <param name="slots">The ranking's depth: how many chunks it could have listed.</param>
        private static Scale Build(IReadOnlyList<ScoredChunk> ranking, int slots, Func<List<double>, (double Shift, double Spread)> measure)
        {
            var missing = ranking.Count < slots ? 0.0 : ranking.Min(c => (double)c.Score);
            var population = ranking.Select(c => (double)c.Score).Concat(Enumerable.Repeat(missing, Math.Max(0, slots - ranking.Count))).ToList();
            var (shift, spread) = measure(population);
            // All scores equal: nothing tells the chunks apart, so each listed chunk counts as a plain vote.
            double Scaled(double score) => spread > 0 ? (score - shift) / spread : score > missing ? 1 : 0;
            var scores = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var chunk in ranking)
            {
                // A chunk listed twice keeps its best score.
                scores[chunk.ChunkId] = Math.Max(scores.GetValueOrDefault(chunk.ChunkId, double.MinValue), Scaled(chunk.Score));
            }
            // A chunk the ranking could not score is taken to be as good as the average chunk it listed.
            return new Scale(scores, Scaled(missing), ranking.Count == 0 ? 0 : ranking.Average(c => Scaled(c.Score)));
        }
    }
}
