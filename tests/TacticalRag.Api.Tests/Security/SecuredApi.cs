using System.Net.Http.Json;
using System.Text.Json;
using TacticalRag.Api.Security;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Security;

/// <summary>Who sends a request in the security tests.</summary>
public enum Who
{
    NoCredentials,
    /// <summary>The API key alone (role Security:ApiKeyRole, admin by default).</summary>
    ServiceClient,
    /// <summary>A user token whose only role is not one of ours.</summary>
    NoRole,
    Reader,
    Editor,
    Admin,
}

/// <summary>
/// One API with an API key and user tokens configured, a model server simulator, and one document in the library,
/// shared by the security test classes (each request names its own caller, so they do not disturb each other).
/// </summary>
public sealed class SecuredApi : IAsyncLifetime
{
    private ModelServerSimulator _llm = null!;

    public GatewayHost Api { get; private set; } = null!;

    public string DocumentId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _llm = await ModelServerSimulator.StartAsync();
        Api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, UserTokens.SecuredSettings());
        Api.Client.DefaultRequestHeaders.Add("X-Api-Key", UserTokens.ApiKey);
        var documents = await Api.Client.IngestSamplesAsync("convoy-sop.txt");
        Api.Client.DefaultRequestHeaders.Remove("X-Api-Key");
        DocumentId = documents[0].GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await _llm.DisposeAsync();
    }

    /// <summary>Sends <paramref name="request"/> as <paramref name="who"/>; users are told apart by <paramref name="subject"/>.</summary>
    public Task<HttpResponseMessage> SendAsync(Who who, HttpRequestMessage request, string? subject = null)
    {
        var sub = subject ?? who.ToString().ToLowerInvariant();
        _ = who switch
        {
            Who.NoCredentials => request,
            Who.ServiceClient => request.AsServiceClient(),
            Who.NoRole => request.AsUser(UserTokens.Mint(sub, ["pending"])),
            Who.Reader => request.AsUser(UserTokens.Mint(sub, [Roles.Reader])),
            Who.Editor => request.AsUser(UserTokens.Mint(sub, [Roles.Editor])),
            Who.Admin => request.AsUser(UserTokens.Mint(sub, [Roles.Reader, Roles.Admin])),
            _ => throw new ArgumentOutOfRangeException(nameof(who)),
        };
        return Api.Client.SendAsync(request);
    }

    /// <summary>Asks a question as <paramref name="who"/> and returns the new conversation's id.</summary>
    public async Task<string> StartConversationAsync(Who who, string? subject = null)
    {
        using var response = await SendAsync(who, Post("/api/ask", new { question = "What is the convoy spacing?" }), subject);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"ask answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("conversationId").GetString()!;
    }

    public static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    public static HttpRequestMessage Delete(string path) => new(HttpMethod.Delete, path);

    public static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
}

[CollectionDefinition(Name)]
public sealed class SecuredApiCollection : ICollectionFixture<SecuredApi>
{
    public const string Name = "Secured API";
}
