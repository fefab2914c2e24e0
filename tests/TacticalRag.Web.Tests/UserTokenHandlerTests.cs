using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TacticalRag.Web.Accounts;
using TacticalRag.Web.Api;
using TacticalRag.Web.Circuits;

namespace TacticalRag.Web.Tests;

/// <summary>What the API receives about the signed-in user, and that nothing is sent for no one.</summary>
public sealed class UserTokenHandlerTests
{
    private const string SigningKey = "a-signing-key-of-at-least-thirty-two-bytes-long";

    [Fact]
    public async Task SendsASignedFiveMinuteTokenNamingTheUserAndTheirRole()
    {
        var user = SignedIn("user-42", "reader@tests.example", Roles.Reader);

        var (status, authorization) = await SendAsAsync(user);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", authorization?.Scheme);
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(authorization!.Parameter, new TokenValidationParameters
        {
            ValidIssuer = "tacticalrag-web",
            ValidAudience = "tacticalrag-api",
            IssuerSigningKey = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(SigningKey)),
        });
        Assert.True(validated.IsValid, validated.Exception?.Message);
        var token = (JsonWebToken)validated.SecurityToken;
        Assert.Equal("user-42", token.Subject);
        Assert.Equal("reader@tests.example", token.GetClaim("name").Value);
        Assert.Equal(["reader"], token.Claims.Where(claim => claim.Type == "role").Select(claim => claim.Value));
        Assert.Equal(TimeSpan.FromMinutes(5), token.ValidTo - token.ValidFrom);
    }

    [Fact]
    public async Task AnswersNotSignedInWithoutCallingTheApiWhenNoOneIsSignedIn()
    {
        var (status, authorization) = await SendAsAsync(new ClaimsPrincipal(new ClaimsIdentity()));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Null(authorization);
    }

    private static ClaimsPrincipal SignedIn(string id, string name, string role) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));

    private static async Task<(HttpStatusCode Status, System.Net.Http.Headers.AuthenticationHeaderValue? Sent)> SendAsAsync(ClaimsPrincipal user)
    {
        System.Net.Http.Headers.AuthenticationHeaderValue? sent = null;
        var http = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = user } };
        var issuer = new UserTokenIssuer(Options.Create(new ApiOptions { UserTokenSigningKey = SigningKey }), TimeProvider.System);
        var handler = new UserTokenHandler(new CircuitServicesAccessor(), http, issuer)
        {
            InnerHandler = new Recording(request => sent = request.Headers.Authorization),
        };
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync("http://api.example/api/documents");
        return (response.StatusCode, sent);
    }

    private sealed class Recording(Action<HttpRequestMessage> record) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            record(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
