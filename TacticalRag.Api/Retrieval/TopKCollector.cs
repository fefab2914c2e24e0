namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Keeps the best k of a stream of scored chunks in a min-heap: O(n log k), and most candidates cost one comparison.
/// Equal scores are ordered by chunk id so results do not depend on storage order.
/// </summary>
internal sealed class TopKCollector(int k)
{
    private readonly PriorityQueue<string, ScoredChunk> _heap = new(k + 1, WorstFirst.Instance);
    private float _worstKept = float.NegativeInfinity;

    public void Offer(string chunkId, float score)
    {
        // The common case at scale: worse than everything kept.
        if (score < _worstKept || float.IsNaN(score))
        {
            return;
        }
        if (_heap.Count < k)
        {
            _heap.Enqueue(chunkId, new ScoredChunk(chunkId, score));
        }
        else
        {
            _heap.TryPeek(out _, out var worst);
            if (score == worst.Score && string.CompareOrdinal(chunkId, worst.ChunkId) > 0)
            {
                return;
            }
            _heap.DequeueEnqueue(chunkId, new ScoredChunk(chunkId, score));
        }
        if (_heap.Count == k)
        {
            _heap.TryPeek(out _, out var newWorst);
            _worstKept = newWorst.Score;
        }
    }

    public IReadOnlyList<ScoredChunk> ToSortedList()
    {
        var results = new ScoredChunk[_heap.Count];
        for (var i = results.Length - 1; i >= 0; i--)
        {
            _heap.TryDequeue(out _, out results[i]);
        }
        return results;
    }

    /// <summary>The heap's root is the worst kept: lowest score, then the later id.</summary>
    private sealed class WorstFirst : IComparer<ScoredChunk>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(ScoredChunk x, ScoredChunk y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(y.ChunkId, x.ChunkId);
        }
    }
}
