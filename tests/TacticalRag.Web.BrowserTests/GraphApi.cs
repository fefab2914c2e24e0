using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TacticalRag.Web.BrowserTests;

/// <summary>
/// Direct calls to the API, for what a test puts in place before the user acts (a document in the library, a
/// model server back to health) and never for what it asserts: that is what the browser shows.
/// </summary>
public sealed class GraphApi : IDisposable
{
    private const string ApiKeyHeader = "X-Api-Key";

    private readonly HttpClient _http;

    private GraphApi(HttpClient http) => _http = http;

    public static async Task<GraphApi> CreateAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var http = app.CreateHttpClient("api");
        // The AppHost generates the key and gives it to the API and the web; a test reads it where the AppHost keeps it.
        var key = await app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<ParameterResource>().Single(parameter => parameter.Name == "api-key")
            .GetValueAsync(cancellationToken);
        http.DefaultRequestHeaders.Add(ApiKeyHeader, key);
        return new GraphApi(http);
    }

    /// <summary>
    /// Uploads a sample file (the same bytes always make the same document, so a second upload is harmless) and
    /// waits until it is indexed, so a question finds it.
    /// </summary>
    public async Task<string> EnsureSampleAsync(string fileName, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(RepositoryPaths.Sample(fileName), cancellationToken)), "files", fileName },
        };
        using var upload = await _http.PostAsync("/api/documents", form, cancellationToken);
        var body = await upload.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(upload.IsSuccessStatusCode, $"Uploading {fileName}: {(int)upload.StatusCode} {body}");
        var id = (string)JsonNode.Parse(body)!["documents"]![0]!["id"]!;
        await UntilAsync($"/api/documents/{id}", document => (string?)document["status"] == "ready", cancellationToken);
        return id;
    }

    /// <summary>Waits until the API's health monitor sees the backend healthy again.</summary>
    public Task WaitForHealthyBackendAsync(string name, CancellationToken cancellationToken) =>
        UntilAsync("/api/llm/backends", status => status["backends"]!.AsArray()
            .Any(backend => (string?)backend!["name"] == name && (bool?)backend["healthy"] == true), cancellationToken);

    private async Task UntilAsync(string path, Func<JsonNode, bool> done, CancellationToken cancellationToken)
    {
        while (!done((await _http.GetFromJsonAsync<JsonNode>(path, cancellationToken))!))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    public void Dispose() => _http.Dispose();
}
