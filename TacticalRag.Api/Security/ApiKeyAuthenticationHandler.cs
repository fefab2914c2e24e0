using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Security;

/// <summary>
/// Authenticates a caller by the <c>X-Api-Key</c> header or, for OpenAI clients, which can only send a bearer token,
/// <c>Authorization: Bearer &lt;key&gt;</c>; compared in constant time with the configured key.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<SecurityOptions> security)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (security.Value.ApiKey is not { Length: > 0 } expected)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (PresentedKey() is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, "api-client"),
            new Claim(Caller.OwnerClaim, OwnerOf(expected)),
            new Claim(Caller.RoleClaim, security.Value.ApiKeyRole),
        ], SchemeName, ClaimTypes.Name, Caller.RoleClaim);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>A service client's conversations are kept under a hash of its key, never the key itself.</summary>
    public static string OwnerOf(string key) =>
        "key:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12];

    /// <summary>Whether the request carries the configured key in <c>X-Api-Key</c> (how the web front end sends it).</summary>
    public static bool HasKeyHeader(HttpRequest request, string expected) =>
        request.Headers.TryGetValue(HeaderName, out var header) && header.Count == 1 && header[0] is { } presented
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    private string? PresentedKey()
    {
        if (Request.Headers.TryGetValue(HeaderName, out var header))
        {
            return header.Count == 1 ? header[0] : null;
        }
        var authorization = Request.Headers.Authorization;
        return authorization.Count == 1 && authorization[0] is { } value && value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? value[BearerPrefix.Length..].Trim()
            : null;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        var presented = Request.Headers.ContainsKey(HeaderName) || Request.Headers.Authorization.Count > 0;
        // OpenAI clients turn a 401 in their own shape into an authentication exception, with the message OpenAI words.
        await RefusalWriter.WriteAsync(Context, new Refusal(StatusCodes.Status401Unauthorized, "API key required.",
            presented ? $"The {HeaderName} header (or bearer token) does not hold a valid key." : $"Send the API key in the {HeaderName} header.",
            presented ? "invalid_api_key" : "missing_api_key")
        {
            ClientMessage = presented ? "Incorrect API key provided." : "You didn't provide an API key. Send it as Authorization: Bearer <key> (or X-Api-Key).",
        });
    }
}
