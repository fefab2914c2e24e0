using System.Text.Json.Serialization;

namespace TacticalRag.Web.Api;

/// <summary>The body of <c>POST /api/llm/stream</c>; unset options are left out so the API's defaults apply.</summary>
public sealed record LlmPromptRequest(
    string Prompt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MaxTokens = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Temperature = null);

/// <summary>The answer of <c>GET /api/llm/backends</c>.</summary>
public sealed record BackendsStatus(string? Preferred, string? Active, IReadOnlyList<BackendStatus> Backends);

/// <summary>One model server as the API's health monitor last saw it.</summary>
public sealed record BackendStatus(
    string Name,
    bool Enabled,
    bool Healthy,
    string? Model,
    string? Endpoint,
    string? LastError,
    DateTimeOffset? LastCheckedUtc);

/// <summary>RFC 7807 fields the API fills in on 4xx/5xx answers.</summary>
public sealed record ApiProblem(string? Title, string? Detail, int? Status);
