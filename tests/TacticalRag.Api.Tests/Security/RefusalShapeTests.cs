using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TacticalRag.Api.Security;
using static TacticalRag.Api.Tests.Security.SecuredApi;

namespace TacticalRag.Api.Tests.Security;

/// <summary>
/// A refused caller gets an answer in the shape its client reads, whatever it accepts: an SSE <c>error</c> event to a
/// stream reader, ProblemDetails JSON to anything else, OpenAI's error object under <c>/v1</c>; never a 500.
/// </summary>
[Collection(SecuredApiCollection.Name)]
public sealed class RefusalShapeTests(SecuredApi secured)
{
    public enum Credentials { None, WrongKey, ExpiredUserToken }

    [Theory]
    [InlineData(Credentials.None)]
    [InlineData(Credentials.WrongKey)]
    [InlineData(Credentials.ExpiredUserToken)]
    public async Task AStreamReaderRefusedGetsA401WithAnSseErrorEventSayingWhy(Credentials credentials)
    {
        using var request = Refused(Post("/api/ask/stream", new { question = "What is the convoy spacing?" }), credentials);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await secured.Api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("event: error\ndata: ", body, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body["event: error\ndata: ".Length..].Trim()).RootElement;
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("image/png")]
    public async Task AClientAcceptingNeitherJsonNorAStreamStillGetsAProblemNotA500(string accept)
    {
        using var request = Get("/api/documents");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

        using var response = await secured.Api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("missing_api_key", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task UnderV1AStreamRequestRefusedGetsOpenAisErrorShape()
    {
        using var request = Refused(Post("/v1/chat/completions", new { model = "tacticalrag", stream = true, messages = new[] { new { role = "user", content = "hi" } } }),
            Credentials.WrongKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await secured.Api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task AUserTokenLivingLongerThanTheMaximumIsRefusedNamingTheSetting()
    {
        var token = UserTokens.Mint("long-lived", [Roles.Reader], expires: DateTime.UtcNow.AddDays(30), lifetime: TimeSpan.FromDays(30));

        using var response = await secured.Api.Client.SendAsync(Get("/api/documents").AsUser(token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Security:UserTokens:MaxLifetime", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AUserTokenOfTheWebFrontEndsLifetimeIsAccepted()
    {
        using var response = await secured.Api.Client.SendAsync(Get("/api/documents").AsUser(UserTokens.Mint("five-minutes", [Roles.Reader])));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static HttpRequestMessage Refused(HttpRequestMessage request, Credentials credentials) => credentials switch
    {
        Credentials.None => request,
        Credentials.WrongKey => request.AsServiceClient("not-the-key"),
        _ => request.AsUser(UserTokens.Mint("expired", [Roles.Reader], expires: DateTime.UtcNow.AddMinutes(-10))),
    };
}
