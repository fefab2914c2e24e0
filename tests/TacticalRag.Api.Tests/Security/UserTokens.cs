using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TacticalRag.Api.Tests.Security;

/// <summary>Mints user tokens the way the web front end does (HS256 JWT, issuer tacticalrag-web, audience tacticalrag-api).</summary>
public static class UserTokens
{
    public const string ApiKey = "s3cret-key-for-tests-0123456789";
    public const string SigningKey = "user-token-key-for-tests-0123456789-abcdef";

    public static string Mint(
        string subject, string[] roles, string signingKey = SigningKey, string audience = "tacticalrag-api", string issuer = "tacticalrag-web",
        DateTime? expires = null, TimeSpan? lifetime = null)
    {
        var until = expires ?? DateTime.UtcNow.AddMinutes(5);
        var issued = until - (lifetime ?? TimeSpan.FromMinutes(5));
        Dictionary<string, object> claims = new() { ["sub"] = subject, ["name"] = subject + "@example.test" };
        if (roles.Length > 0)
        {
            claims["role"] = roles;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = until,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>What the web front end sends on a signed-in user's behalf: the API key and the user token.</summary>
    public static HttpRequestMessage AsUser(this HttpRequestMessage request, string token, string? apiKey = ApiKey)
    {
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }
        request.Headers.Authorization = new("Bearer", token);
        return request;
    }

    public static HttpRequestMessage AsServiceClient(this HttpRequestMessage request, string apiKey = ApiKey)
    {
        request.Headers.Add("X-Api-Key", apiKey);
        return request;
    }

    public static Dictionary<string, string?> SecuredSettings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Security:ApiKey"] = ApiKey,
            ["Security:UserTokens:SigningKey"] = SigningKey,
            // The fixtures send many refused requests from one address on purpose; FailedAuthThrottleTests checks the throttle.
            ["Security:RateLimit:FailedAuthBurst"] = "10000",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }
}
