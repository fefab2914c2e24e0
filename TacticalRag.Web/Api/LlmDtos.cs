namespace TacticalRag.Web.Api;

/// <summary>The answer of <c>GET /api/llm/backends</c>.</summary>
public sealed record BackendsStatus(string? Preferred, string? Active, IReadOnlyList<BackendStatus> Backends);

/// <summary>
/// One model server as the API's health monitor last saw it. <paramref name="State"/> ("unknown" before the first
/// probe) and <paramref name="LastReason"/> are extensions of the contract: null from an API that does not send them.
/// </summary>
public sealed record BackendStatus(
    string Name,
    bool Enabled,
    bool Healthy,
    string? Model,
    string? Endpoint,
    string? LastError,
    DateTimeOffset? LastCheckedUtc,
    string? State = null,
    string? LastReason = null);

/// <summary>One time a request moved past <paramref name="Backend"/>, and why (<paramref name="Reason"/> is a short tag).</summary>
public sealed record FallbackEvent(DateTimeOffset AtUtc, string Backend, string Reason, string? Detail);

/// <summary>The answer of <c>GET /api/llm/fallbacks</c>.</summary>
public sealed record FallbackList(IReadOnlyList<FallbackEvent>? Fallbacks);
