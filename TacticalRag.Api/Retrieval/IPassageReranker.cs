namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Retrieval's port for reordering fused passages (a cross-encoder): implemented outside Retrieval (Reranking registers
/// one), so that Retrieval depends on no reranker. Without one, searches rank by fusion. Never throws because of the
/// reranker: a failure comes back as the fused order with <see cref="RankedPassages.RerankSkipped"/> saying why.
/// </summary>
public interface IPassageReranker
{
    Task<RankedPassages> RerankAsync(string query, IReadOnlyList<RetrievedChunk> fused, CancellationToken cancellationToken);
}

/// <summary>Passages in their final order, how they were ordered, and why a configured reranker did not order them.</summary>
public sealed record RankedPassages(IReadOnlyList<RetrievedChunk> Passages, RetrievalRanking Ranking, RerankSkipReason? RerankSkipped)
{
    public static RankedPassages ByFusion(IReadOnlyList<RetrievedChunk> passages, RerankSkipReason? skipped = null) =>
        new(passages, RetrievalRanking.Fusion, skipped);
}
