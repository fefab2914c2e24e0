namespace TacticalRag.Api.Retrieval;

/// <summary>How the rankings of one search are fused into one order.</summary>
public enum FusionMethod
{
    /// <summary>Each ranking's scores standardised per query (z-scores), then a weighted mean: the default.</summary>
    ZScore,

    /// <summary>Each ranking's scores scaled to 0..1 per query (min-max), then a weighted mean.</summary>
    MinMax,

    /// <summary>Weighted reciprocal rank fusion: ranks only, scores ignored.</summary>
    ReciprocalRank,
}

/// <summary>
/// Convex score fusion: every ranking's scores are put on one scale per query (z-scores or min-max), and a chunk scores
/// the weighted mean over rankings. A chunk a ranking did not return (below its depth) takes that ranking's lowest
/// score, not zero, so one list cannot veto a chunk the other ranks high. Unlike rank fusion, how far ahead a first
/// place is counts: a decisive keyword match outranks a vague dense neighbour, and the other way round.
/// </summary>
public static class ScoreFusion
{
    public static IReadOnlyList<FusedChunk> Fuse(IEnumerable<RankedList> lists, FusionMethod method, int limit)
    {
        var normalised = lists
            .Where(list => list.Weight > 0 && list.Ranking.Count > 0)
            .Select(list => (Scores: Normalise(list.Ranking, method), list.Weight))
            .ToList();
        var totalWeight = normalised.Sum(list => list.Weight);
        var floors = normalised.Select(list => list.Scores.Values.Min()).ToList();
        var fused = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var chunkId in normalised.SelectMany(list => list.Scores.Keys).Distinct(StringComparer.Ordinal))
        {
            var score = 0.0;
            for (var i = 0; i < normalised.Count; i++)
            {
                score += normalised[i].Weight * normalised[i].Scores.GetValueOrDefault(chunkId, floors[i]);
            }
            fused[chunkId] = score / totalWeight;
        }
        return fused
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(limit)
            .Select(p => new FusedChunk(p.Key, p.Value))
            .ToList();
    }

    /// <summary>A ranking's scores on the common scale; a chunk listed twice keeps its best score.</summary>
    private static Dictionary<string, double> Normalise(IReadOnlyList<ScoredChunk> ranking, FusionMethod method)
    {
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var chunk in ranking)
        {
            best[chunk.ChunkId] = Math.Max(best.GetValueOrDefault(chunk.ChunkId, double.MinValue), chunk.Score);
        }
        var scores = ranking.Select(c => (double)c.Score).ToList();
        var mean = scores.Average();
        var (shift, scale) = method switch
        {
            FusionMethod.MinMax => (scores.Min(), scores.Max() - scores.Min()),
            _ => (mean, Math.Sqrt(scores.Average(s => (s - mean) * (s - mean)))),
        };
        foreach (var chunkId in best.Keys)
        {
            // One result, or all equal: nothing to tell them apart, so the list counts as a plain vote for each.
            best[chunkId] = scale > 0 ? (best[chunkId] - shift) / scale : 1.0;
        }
        return best;
    }
}
