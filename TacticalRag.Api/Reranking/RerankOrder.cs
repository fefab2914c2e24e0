using TacticalRag.Api.Retrieval;

namespace TacticalRag.Api.Reranking;

/// <summary>Puts the reranked candidates in the reranker's order, ahead of the passages it was not shown.</summary>
internal static class RerankOrder
{
    /// <param name="fused">Every passage in fused order; the first <paramref name="candidates"/> were reranked.</param>
    /// <returns>
    /// The new order, each reranked passage carrying its score; null when the scores do not cover each candidate exactly
    /// once (a server that answers for other passages than it was sent is not to be trusted with the order).
    /// </returns>
    public static IReadOnlyList<RetrievedChunk>? Apply(IReadOnlyList<RetrievedChunk> fused, int candidates, IReadOnlyList<RerankScore> scores)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(candidates, fused.Count);
        if (scores.Count != candidates)
        {
            return null;
        }

        var seen = new bool[candidates];
        foreach (var (index, score) in scores)
        {
            if (index < 0 || index >= candidates || seen[index] || !double.IsFinite(score))
            {
                return null;
            }
            seen[index] = true;
        }

        // Equal scores keep their fused order.
        var reranked = scores
            .OrderByDescending(score => score.Score)
            .ThenBy(score => score.Index)
            .Select(score => fused[score.Index] with { RerankScore = score.Score });
        return [.. reranked, .. fused.Skip(candidates)];
    }
}
