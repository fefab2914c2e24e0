using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using TacticalRag.Web.Accounts;

namespace TacticalRag.Web.Tests;

/// <summary>
/// With an OpenID Connect authority configured, the web front end sends an anonymous visitor to the organisation's
/// provider (here a loopback server that serves only its discovery document): code flow, PKCE, our client id.
/// </summary>
public sealed class OrganisationSignInTests
{
    [Fact]
    public async Task SendsAnAnonymousVisitToTheProvidersAuthorizationEndpointWithTheClientIdAndPkce()
    {
        await using var provider = await FakeApi.StartAsync(MapDiscovery);
        await using var web = WebWithProvider(provider.BaseAddress);
        using var browser = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await browser.GetAsync("/library");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(new Uri(provider.BaseAddress, "authorize").GetLeftPart(UriPartial.Path), location.GetLeftPart(UriPartial.Path));
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("tacticalrag", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Equal("openid profile email", query["scope"]);
        Assert.EndsWith("/signin-oidc", query["redirect_uri"]);
    }

    [Fact]
    public async Task DoesNotOfferTheBuiltInAccountsSignInForm()
    {
        await using var provider = await FakeApi.StartAsync(MapDiscovery);
        await using var web = WebWithProvider(provider.BaseAddress);
        using var browser = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await browser.GetStringAsync("/account/sign-in");

        Assert.Contains("Sign-in is through your organisation", page);
        Assert.DoesNotContain("type=\"password\"", page);
    }

    [Fact]
    public void MapsTheProvidersSubjectAndKnownRolesAndIgnoresOtherRoleNames()
    {
        var identity = new ClaimsIdentity(
            [new Claim("sub", "abc-123"), new Claim("roles", "Editor"), new Claim("roles", "finance"), new Claim("roles", "reader")], "oidc");

        OrganisationSignInExtensions.MapClaims(identity, "roles");

        Assert.Equal("oidc:abc-123", identity.FindFirst(ClaimTypes.NameIdentifier)?.Value);
        Assert.Equal(["editor", "reader"], identity.FindAll(ClaimTypes.Role).Select(claim => claim.Value).Order());
    }

    internal static void MapDiscovery(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
        {
            var issuer = $"{context.Request.Scheme}://{context.Request.Host}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = $"{issuer}/authorize",
                ["token_endpoint"] = $"{issuer}/token",
                ["jwks_uri"] = $"{issuer}/jwks",
                ["end_session_endpoint"] = $"{issuer}/logout",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["code_challenge_methods_supported"] = new[] { "S256" },
            });
        });
        app.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
    }

    internal static WebApplicationFactory<Program> WebWithProvider(Uri authority) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Authentication:Oidc:Authority", authority.ToString().TrimEnd('/'));
            web.UseSetting("Authentication:Oidc:ClientId", "tacticalrag");
            web.UseSetting("Authentication:Oidc:RequireHttpsMetadata", "false");
        });
}
