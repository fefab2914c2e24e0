using TacticalRag.Api.Retrieval;

namespace TacticalRag.Api.Reranking;

/// <summary>What an error status from the reranker means for the search it was asked for.</summary>
internal static class RerankStatus
{
    public static RerankSkipReason SkipReason(int status) => status switch
    {
        429 => RerankSkipReason.RateLimited,
        >= 500 => RerankSkipReason.ServerError,
        _ => RerankSkipReason.Rejected,
    };
}
