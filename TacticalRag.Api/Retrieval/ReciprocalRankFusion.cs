namespace TacticalRag.Api.Retrieval;

/// <summary>Which ranker a ranking comes from.</summary>
public enum RankingKind { Keyword, Dense }

/// <summary>One ranking to fuse, best first, how much it counts, and which ranker made it.</summary>
public sealed record RankedList(IReadOnlyList<ScoredChunk> Ranking, double Weight, RankingKind Kind);

/// <summary>A chunk's place after fusion.</summary>
public readonly record struct FusedChunk(string ChunkId, double Score);

/// <summary>
/// Weighted reciprocal rank fusion: a chunk scores the sum over rankings of weight / (k + rank), rank from 1. Only
/// ranks count, not raw scores, so BM25 and cosine need no common scale.
/// </summary>
internal static class ReciprocalRankFusion
{
    public static IReadOnlyList<FusedChunk> Fuse(IEnumerable<RankedList> lists, double k, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var fused = new Dictionary<string, (double Score, double Best)>(StringComparer.Ordinal);
        foreach (var list in lists)
        {
            if (list.Weight <= 0)
            {
                continue;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var index = 0; index < list.Ranking.Count; index++)
            {
                var chunkId = list.Ranking[index].ChunkId;
                // A chunk counts once per list, at its best rank.
                if (!seen.Add(chunkId))
                {
                    continue;
                }
                var contribution = list.Weight / (k + index + 1);
                fused.TryGetValue(chunkId, out var current);
                fused[chunkId] = (current.Score + contribution, Math.Max(current.Best, contribution));
            }
        }
        // Ties: the chunk with the single strongest placing first, then by id so the order is stable.
        return fused
            .OrderByDescending(p => p.Value.Score)
            .ThenByDescending(p => p.Value.Best)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(limit)
            .Select(p => new FusedChunk(p.Key, p.Value.Score))
            .ToList();
    }
}
