using System.Net;
using System.Text.Json;
using TacticalRag.Api.Security;
using static TacticalRag.Api.Tests.Security.SecuredApi;

namespace TacticalRag.Api.Tests.Security;

/// <summary>A user token that cannot be trusted is refused with 401 and a ProblemDetails that names what is wrong with it.</summary>
[Collection(SecuredApiCollection.Name)]
public sealed class UserTokenTests(SecuredApi secured)
{
    public static TheoryData<string, string> BadTokens() => new()
    {
        { "expired", "expired at" },
        { "wrong signature", "signature is not valid" },
        { "wrong audience", "audience is not 'tacticalrag-api'" },
        { "wrong issuer", "issuer 'evil-web' is not 'tacticalrag-web'" },
        { "no api key", "only together with a valid X-Api-Key" },
        { "wrong api key", "only together with a valid X-Api-Key" },
        { "no subject", "no 'sub' claim" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ABadUserTokenIsRefusedWith401NamingTheProblem(string problem, string expectedDetail)
    {
        var token = problem switch
        {
            "expired" => UserTokens.Mint("alice", [Roles.Admin], expires: DateTime.UtcNow.AddMinutes(-2)),
            "wrong signature" => UserTokens.Mint("alice", [Roles.Admin], signingKey: "another-key-of-at-least-32-bytes-0123456789"),
            "wrong audience" => UserTokens.Mint("alice", [Roles.Admin], audience: "someone-else"),
            "wrong issuer" => UserTokens.Mint("alice", [Roles.Admin], issuer: "evil-web"),
            "no subject" => UserTokens.Mint("", [Roles.Admin]),
            _ => UserTokens.Mint("alice", [Roles.Admin]),
        };
        var apiKey = problem switch
        {
            "no api key" => null,
            "wrong api key" => "not-the-key",
            _ => UserTokens.ApiKey,
        };

        using var response = await secured.Api.Client.SendAsync(Get("/api/documents").AsUser(token, apiKey));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.True(detail?.Contains(expectedDetail), $"detail: {detail}");
    }

    [Fact]
    public async Task OpenAiClientsGetTheRefusalInTheirOwnErrorShape()
    {
        var expired = UserTokens.Mint("alice", [Roles.Reader], expires: DateTime.UtcNow.AddMinutes(-2));

        using var response = await secured.Api.Client.SendAsync(Get("/v1/models").AsUser(expired));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Contains("expired at", error.GetProperty("message").GetString());
        Assert.Equal("invalid_user_token", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task TheApiKeyAsBearerStillServesOpenAiClients()
    {
        var request = Get("/v1/models");
        request.Headers.Authorization = new("Bearer", UserTokens.ApiKey);

        using var response = await secured.Api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
