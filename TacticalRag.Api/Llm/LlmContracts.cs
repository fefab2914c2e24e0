namespace TacticalRag.Api.Llm;

public sealed record LlmRequest(string? Prompt, int? MaxTokens, float? Temperature);

public sealed record LlmInvokeResponse(string Text, string Backend, string Model, bool Fallback, long ElapsedMs);

internal sealed record LlmTokenEvent(string Text);

internal sealed record LlmDoneEvent(string Backend, string Model, bool Fallback, long ElapsedMs);

internal sealed record LlmErrorEvent(string Detail);

public sealed record BackendsResponse(string? Preferred, string? Active, IReadOnlyList<BackendStatus> Backends);

/// <summary>
/// One backend as <c>GET /api/llm/backends</c> shows it; <c>State</c> adds "unknown" before the first probe, "disabled"
/// (switched off) and "not_configured" (the deployment has no such server: no endpoint either).
/// <c>Endpoint</c>, <c>LastError</c> and <c>LastReason</c> are null for callers below admin.
/// </summary>
public sealed record BackendStatus(
    string Name, bool Enabled, bool Healthy, string State, string Model, string? Endpoint,
    string? LastError, string? LastReason, DateTimeOffset? LastCheckedUtc);

public sealed record FallbacksResponse(IReadOnlyList<FallbackEvent> Fallbacks);
