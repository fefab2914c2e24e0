using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TacticalRag.Web.Accounts;

namespace TacticalRag.Web.Api;

/// <summary>
/// Mints the short-lived token that tells the API who the signed-in user is: HS256 with the key shared with the API,
/// issuer <c>tacticalrag-web</c>, audience <c>tacticalrag-api</c>, claims <c>sub</c>, <c>name</c> and one <c>role</c>
/// per role. Only the web holds the key, and the API accepts the token only beside the API key.
/// </summary>
public sealed class UserTokenIssuer(IOptions<ApiOptions> options, TimeProvider time)
{
    public const string Issuer = "tacticalrag-web";
    public const string Audience = "tacticalrag-api";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly JsonWebTokenHandler _handler = new();

    public bool IsConfigured => !string.IsNullOrEmpty(options.Value.UserTokenSigningKey);

    /// <summary>A fresh token for <paramref name="user"/>, who must be signed in and have a stable id.</summary>
    public string Issue(ClaimsPrincipal user)
    {
        var subject = user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The signed-in user has no id.");
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, subject),
            new("name", user.Identity?.Name ?? subject),
        };
        claims.AddRange(user.FindAll(ClaimTypes.Role)
            .Select(role => Roles.Normalize(role.Value))
            .OfType<string>()
            .Distinct()
            .Select(role => new Claim("role", role)));

        var now = time.GetUtcNow().UtcDateTime;
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.Value.UserTokenSigningKey!));
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
