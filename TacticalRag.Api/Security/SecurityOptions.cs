using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Api.Security;

/// <summary>Section <c>Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// The key callers send in <c>X-Api-Key</c>. Unset: the API is open (fine on a developer machine, logged as a
    /// warning at start). The AppHost generates one and gives it to the API and the web front end.
    /// </summary>
    public string? ApiKey { get; set; }

    public RateLimitOptions RateLimit { get; set; } = new();
}

/// <summary>Per-client token bucket: <see cref="BurstLimit"/> requests at once, refilled at <see cref="PerSecond"/>.</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int BurstLimit { get; set; } = 200;

    [Range(1, 1_000_000)]
    public int PerSecond { get; set; } = 50;
}
