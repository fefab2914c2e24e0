using System.ComponentModel.DataAnnotations;
using System.Text;

namespace TacticalRag.Api.Security;

/// <summary>Section <c>Security</c>.</summary>
public sealed class SecurityOptions : IValidatableObject
{
    public const string SectionName = "Security";

    /// <summary>
    /// The key callers send in <c>X-Api-Key</c>. Unset: the API is open (fine on a developer machine, logged as a
    /// warning at start). The AppHost generates one and gives it to the API and the web front end.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The role of a caller that sends the API key without a user token (a service client).</summary>
    public string ApiKeyRole { get; set; } = Roles.Admin;

    public UserTokenOptions UserTokens { get; set; } = new();

    public RateLimitOptions RateLimit { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Roles.Rank(ApiKeyRole) == 0)
        {
            yield return new ValidationResult(
                $"Security:ApiKeyRole '{ApiKeyRole}' is not a role; use one of {string.Join(", ", Roles.All)}.", [nameof(ApiKeyRole)]);
        }
        if (UserTokens.SigningKey is { } key && Encoding.UTF8.GetByteCount(key) < UserTokenOptions.MinKeyBytes)
        {
            yield return new ValidationResult(
                $"Security:UserTokens:SigningKey must be at least {UserTokenOptions.MinKeyBytes} bytes (UTF-8); it is {Encoding.UTF8.GetByteCount(key)}.",
                [nameof(UserTokens)]);
        }
        if (UserTokens.MaxLifetime <= TimeSpan.Zero || UserTokens.MaxLifetime > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult(
                $"Security:UserTokens:MaxLifetime must be more than zero and at most a day; it is {UserTokens.MaxLifetime}.", [nameof(UserTokens)]);
        }
    }
}

/// <summary>
/// The user tokens the web front end mints for its signed-in users (HS256 JWTs). Unset <see cref="SigningKey"/>: user
/// tokens are refused and every caller is a service client or anonymous.
/// </summary>
public sealed class UserTokenOptions
{
    public const int MinKeyBytes = 32;

    /// <summary>The secret shared with the web front end (<c>Api:UserTokenSigningKey</c> there).</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "tacticalrag-web";

    public string Audience { get; set; } = "tacticalrag-api";

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest lifetime (expiry minus issue time) a user token may have: the web front end mints 5-minute tokens, so
    /// a longer-lived one was not minted by it, or a leaked key is being used to mint tokens that outlive a sign-out.
    /// </summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(30);
}

/// <summary>Per-client token bucket: <see cref="BurstLimit"/> requests at once, refilled at <see cref="PerSecond"/>.</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int BurstLimit { get; set; } = 200;

    [Range(1, 1_000_000)]
    public int PerSecond { get; set; } = 50;

    /// <summary>Refused attempts (401) an address may make in a row before it is answered 429.</summary>
    [Range(1, 100_000)]
    public int FailedAuthBurst { get; set; } = 20;

    /// <summary>How fast an address earns back refused attempts.</summary>
    [Range(1, 100_000)]
    public int FailedAuthPerMinute { get; set; } = 10;
}
