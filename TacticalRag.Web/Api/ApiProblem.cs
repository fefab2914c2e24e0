namespace TacticalRag.Web.Api;

/// <summary>RFC 7807 fields the API fills in on 4xx/5xx answers; <paramref name="Errors"/> on a validation problem.</summary>
public sealed record ApiProblem(string? Title, string? Detail, int? Status, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>What to tell the user: the detail, else the validation messages, else null.</summary>
    public string? Explanation =>
        !string.IsNullOrWhiteSpace(Detail) ? Detail
        : Errors is { Count: > 0 } ? string.Join(" ", Errors.Values.SelectMany(messages => messages))
        : null;
}
