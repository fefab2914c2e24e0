namespace TacticalRag.Api.Retrieval;

/// <summary>Why a configured reranker did not order a search: the response's <c>rerankSkipped</c> and the metric tag.</summary>
public enum RerankSkipReason
{
    /// <summary>Known down (health probe or an earlier request): skipped without a call.</summary>
    Down,
    Timeout,
    Unreachable,
    ServerError,
    RateLimited,
    /// <summary>A 4xx other than 429: a missing model, a refused request.</summary>
    Rejected,
    /// <summary>A body that does not parse, or scores that do not cover each candidate exactly once.</summary>
    Malformed,
}

public static class RerankSkipReasons
{
    public static string ToTag(this RerankSkipReason reason) => reason switch
    {
        RerankSkipReason.Down => "down",
        RerankSkipReason.Timeout => "timeout",
        RerankSkipReason.Unreachable => "unreachable",
        RerankSkipReason.ServerError => "server_error",
        RerankSkipReason.RateLimited => "rate_limited",
        RerankSkipReason.Rejected => "rejected",
        RerankSkipReason.Malformed => "malformed",
        _ => "unknown",
    };
}
