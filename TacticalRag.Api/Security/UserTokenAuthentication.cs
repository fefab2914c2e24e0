using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TacticalRag.Api.Security;

/// <summary>
/// The user token of the web front end's signed-in users: an HS256 JWT in <c>Authorization: Bearer</c>, validated by
/// the JwtBearer handler against the shared key, issuer, audience and lifetime, and accepted only together with the API
/// key (the key proves the caller is the front end, the token says for whom it calls).
/// </summary>
internal static class UserTokenAuthentication
{
    public const string SchemeName = "UserToken";

    /// <summary>The default scheme: a bearer that looks like a JWT goes to the user token handler, anything else to the API key.</summary>
    public const string CallerSchemeName = "Caller";

    public static AuthenticationBuilder AddCallerSchemes(this AuthenticationBuilder authentication)
    {
        authentication.Services.AddOptions<JwtBearerOptions>(SchemeName).Configure<IOptions<SecurityOptions>>(Configure);
        return authentication
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(SchemeName, _ => { })
            .AddPolicyScheme(CallerSchemeName, "API key, with or without a user token", policy =>
                policy.ForwardDefaultSelector = context => CarriesUserToken(context) ? SchemeName : ApiKeyAuthenticationHandler.SchemeName);
    }

    /// <summary>A compact JWT has three dot-separated parts; an API key (even an OpenAI client's bearer key) has none.</summary>
    private static bool CarriesUserToken(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization;
        if (authorization.Count != 1 || authorization[0] is not { } value || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var token = value["Bearer ".Length..].Trim();
        var apiKey = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.ApiKey;
        return token.Count(c => c == '.') == 2 && token != apiKey;
    }

    /// <summary>Expiry minus issue time (iat, else nbf); a token that says neither is measured from now.</summary>
    private static TimeSpan Lifetime(SecurityToken token)
    {
        var issued = token is JsonWebToken { IssuedAt: var iat } && iat > DateTime.UnixEpoch ? iat
            : token.ValidFrom > DateTime.UnixEpoch ? token.ValidFrom
            : DateTime.UtcNow;
        return token.ValidTo - issued;
    }

    private static void Configure(JwtBearerOptions jwt, IOptions<SecurityOptions> securityOptions)
    {
        var security = securityOptions.Value;
        var tokens = security.UserTokens;
        // Claims keep their JWT names (sub, name, role) rather than the long URIs of the inbound mapping.
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = tokens.Issuer,
            ValidAudience = tokens.Audience,
            IssuerSigningKey = tokens.SigningKey is { } key ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)) : null,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = tokens.ClockSkew,
            NameClaimType = "name",
            RoleClaimType = Caller.RoleClaim,
        };
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                if (tokens.SigningKey is null)
                {
                    context.Fail("This API accepts no user tokens: Security:UserTokens:SigningKey is not set.");
                }
                else if (security.ApiKey is { Length: > 0 } apiKey && !ApiKeyAuthenticationHandler.HasKeyHeader(context.Request, apiKey))
                {
                    context.Fail($"A user token is accepted only together with a valid {ApiKeyAuthenticationHandler.HeaderName} header.");
                }
                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                if (context.Principal?.FindFirst("sub")?.Value is not { Length: > 0 } subject)
                {
                    context.Fail("The user token has no 'sub' claim naming the user.");
                }
                else if (Lifetime(context.SecurityToken) is var lifetime && lifetime > tokens.MaxLifetime)
                {
                    context.Fail($"The user token lives {lifetime.TotalSeconds:0} s, longer than Security:UserTokens:MaxLifetime ({tokens.MaxLifetime.TotalSeconds:0} s).");
                }
                else
                {
                    // Prefixed, so no user id can ever equal a service client's "key:..." owner.
                    (context.Principal.Identity as ClaimsIdentity)?.AddClaim(new(Caller.OwnerClaim, "user:" + subject));
                }
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                await UserTokenRejection.WriteAsync(context.HttpContext, context.AuthenticateFailure, tokens);
            },
        };
    }
}
