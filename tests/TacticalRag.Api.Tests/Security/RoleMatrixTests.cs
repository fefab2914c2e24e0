using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TacticalRag.Api.Security;
using TacticalRag.Api.Tests.Infrastructure;
using static TacticalRag.Api.Tests.Security.SecuredApi;

namespace TacticalRag.Api.Tests.Security;

/// <summary>
/// Every endpoint of the API contract called by every kind of caller: the role table of README "Security" as a test.
/// Below the endpoint's role: 403; no credentials: 401; otherwise the endpoint does its work (2xx).
/// </summary>
[Collection(SecuredApiCollection.Name)]
public sealed class RoleMatrixTests(SecuredApi secured)
{
    /// <summary>The least role each endpoint needs (null: anyone) and how to build a request that succeeds for it.</summary>
    private static readonly Dictionary<string, (string? Role, Func<SecuredApi, Who, Task<HttpRequestMessage>> Request)> Endpoints = new()
    {
        ["POST /api/ask"] = (Roles.Reader, (_, _) => Ready(Post("/api/ask", new { question = "What is the convoy spacing?" }))),
        ["POST /api/ask/stream"] = (Roles.Reader, (_, _) => Ready(Post("/api/ask/stream", new { question = "What is the convoy spacing?" }))),
        ["POST /api/search"] = (Roles.Reader, (_, _) => Ready(Post("/api/search", new { query = "convoy spacing" }))),
        ["GET /api/examples"] = (Roles.Reader, (_, _) => Ready(Get("/api/examples"))),
        ["GET /api/documents"] = (Roles.Reader, (_, _) => Ready(Get("/api/documents"))),
        ["GET /api/documents/{id}"] = (Roles.Reader, (api, _) => Ready(Get($"/api/documents/{api.DocumentId}"))),
        ["GET /api/conversations/{id}"] = (Roles.Reader, async (api, who) => Get($"/api/conversations/{await OwnConversationAsync(api, who)}")),
        ["DELETE /api/conversations/{id}"] = (Roles.Reader, async (api, who) => Delete($"/api/conversations/{await OwnConversationAsync(api, who)}")),
        ["GET /api/llm/backends"] = (Roles.Reader, (_, _) => Ready(Get("/api/llm/backends"))),
        ["GET /v1/models"] = (Roles.Reader, (_, _) => Ready(Get("/v1/models"))),
        ["GET /v1/models/{id}"] = (Roles.Reader, (_, _) => Ready(Get("/v1/models/tacticalrag"))),
        ["POST /v1/chat/completions"] = (Roles.Reader, (_, _) => Ready(Post("/v1/chat/completions",
            new { model = "tacticalrag", messages = new[] { new { role = "user", content = "What is the convoy spacing?" } } }))),
        ["POST /v1/embeddings"] = (Roles.Reader, (_, _) => Ready(Post("/v1/embeddings", new { model = "tacticalrag-embed", input = "radio check" }))),
        ["POST /api/documents"] = (Roles.Editor, (_, _) => Ready(Upload())),
        ["DELETE /api/documents/{id}"] = (Roles.Editor, async (api, _) => Delete($"/api/documents/{await FreshDocumentAsync(api)}")),
        ["GET /api/llm/fallbacks"] = (Roles.Admin, (_, _) => Ready(Get("/api/llm/fallbacks"))),
        ["POST /api/llm/invoke"] = (Roles.Admin, (_, _) => Ready(Post("/api/llm/invoke", new { prompt = "Say hi." }))),
        ["POST /api/llm/stream"] = (Roles.Admin, (_, _) => Ready(Post("/api/llm/stream", new { prompt = "Say hi." }))),
        ["GET /health"] = (null, (_, _) => Ready(Get("/health"))),
        ["GET /alive"] = (null, (_, _) => Ready(Get("/alive"))),
    };

    public static TheoryData<string, Who> Cases()
    {
        var cases = new TheoryData<string, Who>();
        foreach (var endpoint in Endpoints.Keys)
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                cases.Add(endpoint, who);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachCallerGetsExactlyItsRolesShareOfEachEndpoint(string endpoint, Who who)
    {
        var (role, build) = Endpoints[endpoint];
        using var request = await build(secured, who);

        using var response = await secured.SendAsync(who, request);

        var body = await response.Content.ReadAsStringAsync();
        var expected = Expected(role, who);
        if (expected == HttpStatusCode.OK)
        {
            Assert.True(response.IsSuccessStatusCode, $"{endpoint} as {who} answered {(int)response.StatusCode}: {body}");
            return;
        }
        Assert.True(expected == response.StatusCode, $"{endpoint} as {who}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        // Under /v1 the OpenAI error shape, elsewhere ProblemDetails; either way the reason is spelled out.
        var error = JsonDocument.Parse(body).RootElement;
        var reason = endpoint.Contains(" /v1/") ? error.GetProperty("error").GetProperty("message").GetString() : error.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(reason));
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Contains($"needs the {role} role", reason);
        }
    }

    private static HttpStatusCode Expected(string? role, Who who) => (role, who) switch
    {
        (null, _) => HttpStatusCode.OK,
        (_, Who.NoCredentials) => HttpStatusCode.Unauthorized,
        (_, Who.ServiceClient) => HttpStatusCode.OK,
        (_, Who.NoRole) => HttpStatusCode.Forbidden,
        (_, Who.Reader) => Roles.Includes(Roles.Reader, role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
        (_, Who.Editor) => Roles.Includes(Roles.Editor, role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
        _ => HttpStatusCode.OK,
    };

    private static Task<HttpRequestMessage> Ready(HttpRequestMessage request) => Task.FromResult(request);

    /// <summary>A conversation of the caller's own where it may ask; any existing one where it is refused before the lookup.</summary>
    private static Task<string> OwnConversationAsync(SecuredApi api, Who who) =>
        api.StartConversationAsync(who is Who.Reader or Who.Editor or Who.Admin ? who : Who.ServiceClient);

    private static HttpRequestMessage Upload()
    {
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes($"Field note {Guid.NewGuid():N}: radio checks are made every hour on the hour."));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { part, "files", "field-note.txt" } };
        return new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = form };
    }

    private static async Task<string> FreshDocumentAsync(SecuredApi api)
    {
        using var response = await api.SendAsync(Who.ServiceClient, Upload());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"upload answered {(int)response.StatusCode}: {body}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("documents")[0].GetProperty("id").GetString()!;
        await Eventually.ReturnsAsync(async () =>
            {
                using var status = await api.SendAsync(Who.ServiceClient, Get($"/api/documents/{id}"));
                return JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString();
            },
            status => status is "ready" or "failed", $"document {id} is ready", TimeSpan.FromSeconds(90));
        return id;
    }
}
