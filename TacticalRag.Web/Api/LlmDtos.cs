using System.Text.Json.Serialization;

namespace TacticalRag.Web.Api;

/// <summary>The body of <c>POST /api/llm/stream</c>; unset options are left out so the API's defaults apply.</summary>
public sealed record LlmPromptRequest(
    string Prompt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MaxTokens = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Temperature = null);

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

/// <summary>RFC 7807 fields the API fills in on 4xx/5xx answers; <paramref name="Errors"/> on a validation problem.</summary>
public sealed record ApiProblem(string? Title, string? Detail, int? Status, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>What to tell the user: the detail, else the validation messages, else null.</summary>
    public string? Explanation =>
        !string.IsNullOrWhiteSpace(Detail) ? Detail
        : Errors is { Count: > 0 } ? string.Join(" ", Errors.Values.SelectMany(messages => messages))
        : null;
}
