using System.Text.Json.Serialization;
using TacticalRag.Api.Common;

namespace TacticalRag.Api.Retrieval;

/// <summary>Why a configured reranker did not order a search: the response's <c>rerankSkipped</c> and the metric tag.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RerankSkipReason>))]
public enum RerankSkipReason
{
    /// <summary>Known down (health probe or an earlier request): skipped without a call.</summary>
    [JsonStringEnumMemberName("down")] Down,
    [JsonStringEnumMemberName("timeout")] Timeout,
    [JsonStringEnumMemberName("unreachable")] Unreachable,
    [JsonStringEnumMemberName("server_error")] ServerError,
    [JsonStringEnumMemberName("rate_limited")] RateLimited,
    /// <summary>A 4xx other than 429: a missing model, a refused request.</summary>
    [JsonStringEnumMemberName("rejected")] Rejected,
    /// <summary>A body that does not parse, or scores that do not cover each candidate exactly once.</summary>
    [JsonStringEnumMemberName("malformed")] Malformed,
}

public static class RerankSkipReasons
{
    public static string ToTag(this RerankSkipReason reason) => reason.WireName();
}
