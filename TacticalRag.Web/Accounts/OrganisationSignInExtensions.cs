using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace TacticalRag.Web.Accounts;

/// <summary>Sign-in through the organisation's OpenID Connect provider (Entra ID, Keycloak, ...): code flow with PKCE.</summary>
public static class OrganisationSignInExtensions
{
    /// <summary>The <c>sub</c> of a provider's user becomes <c>oidc:&lt;sub&gt;</c>, so it never meets a built-in account's id.</summary>
    public const string SubjectPrefix = "oidc:";

    internal static void AddOrganisationSignIn(this WebApplicationBuilder builder, OidcOptions oidc)
    {
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(SignInServiceCollectionExtensions.ConfigureCookie)
            .AddOpenIdConnect(options =>
            {
                options.Authority = oidc.Authority;
                options.ClientId = oidc.ClientId;
                options.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;
                options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                options.MapInboundClaims = false; // keep the provider's claim names: sub, name, and the role claim
                options.SaveTokens = false;
                options.Scope.Clear();
                foreach (var scope in oidc.Scopes)
                {
                    options.Scope.Add(scope);
                }
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = ClaimTypes.Role;
                options.Events.OnTokenValidated = context =>
                {
                    if (context.Principal?.Identity is ClaimsIdentity identity)
                    {
                        MapClaims(identity, oidc.RoleClaim);
                    }
                    return Task.CompletedTask;
                };
            });
    }

    /// <summary>Adds the stable id and one role claim per known role named in <paramref name="roleClaim"/>.</summary>
    public static void MapClaims(ClaimsIdentity identity, string roleClaim)
    {
        if (identity.FindFirst("sub")?.Value is { Length: > 0 } subject)
        {
            identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, SubjectPrefix + subject));
        }
        foreach (var role in identity.FindAll(roleClaim).Select(claim => Roles.Normalize(claim.Value)).OfType<string>().Distinct().ToList())
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }
    }
}
