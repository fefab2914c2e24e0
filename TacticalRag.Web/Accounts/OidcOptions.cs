namespace TacticalRag.Web.Accounts;

/// <summary>
/// Section <c>Authentication:Oidc</c>: the organisation's identity provider. With <see cref="Authority"/> set, every
/// sign-in goes there and the built-in accounts are not offered.
/// </summary>
public sealed class OidcOptions
{
    public const string SectionName = "Authentication:Oidc";

    /// <summary>The issuer URL whose <c>/.well-known/openid-configuration</c> describes the provider.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Secret for a confidential client (the AppHost's <c>oidc-client-secret</c>); none for a public one (PKCE only).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The ID-token claim that lists the user's roles (<c>reader</c>, <c>editor</c>, <c>admin</c>).</summary>
    public string RoleClaim { get; set; } = "roles";

    public string[] Scopes { get; set; } = ["openid", "profile", "email"];

    /// <summary>Only for a test provider on plain HTTP; never in production.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority);
}
