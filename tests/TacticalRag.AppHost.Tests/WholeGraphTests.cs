using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using TacticalRag.ModelServerSim;

namespace TacticalRag.AppHost.Tests;

/// <summary>What a user of the whole system sees when it runs on a machine without a container runtime.</summary>
public sealed class WholeGraphTests(WholeGraphFixture graph) : IClassFixture<WholeGraphFixture>
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ServesTheApiAndTheWebFrontEndWithRedisRunningAsALocalProcess()
    {
        using var timeout = new CancellationTokenSource(RequestTimeout);
        using var api = await graph.App.CreateApiClientAsync(timeout.Token);
        using var web = graph.App.CreateHttpClient("web");

        using var withoutKey = graph.App.CreateHttpClient("api");

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health", timeout.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/", timeout.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/documents", timeout.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withoutKey.GetAsync("/api/documents", timeout.Token)).StatusCode);
    }

    [Fact]
    public async Task AnswersThroughVllmAndFallsBackToOllamaWhenVllmRefusesConnections()
    {
        using var timeout = new CancellationTokenSource(RequestTimeout);
        using var api = await graph.App.CreateApiClientAsync(timeout.Token);
        try
        {
            var answer = await InvokeAsync(api, timeout.Token);
            Assert.Equal("vllm", (string?)answer["backend"]);
            Assert.False((bool?)answer["fallback"]);

            await graph.Vllm.SetFaultAsync(SimFault.Refuse, timeout.Token);

            var fallback = await InvokeAsync(api, timeout.Token);
            Assert.Equal("ollama", (string?)fallback["backend"]);
            Assert.True((bool?)fallback["fallback"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)fallback["text"]));
        }
        finally
        {
            await graph.Vllm.SetFaultAsync(SimFault.None, CancellationToken.None);
        }
    }

    [Fact]
    public async Task LoadsTheSampleLibraryOnFirstStartAndAnswersAboutAnUploadWithACitation()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        using var api = await graph.App.CreateApiClientAsync(timeout.Token);

        var samples = await PollAsync(api, "/api/documents", list => list.AsArray().Count >= 10, timeout.Token);
        Assert.Contains(samples.AsArray(), d => (string?)d!["fileName"] == "convoy-sop.txt");

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("Relay site orders\n\nThe relay site BLUE HERON is on hill 402, manned by two operators."u8.ToArray()), "files", "relay-orders.txt" },
        };
        using var upload = await api.PostAsync("/api/documents", form, timeout.Token);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var id = (string?)JsonNode.Parse(await upload.Content.ReadAsStringAsync(timeout.Token))!["documents"]![0]!["id"];
        await PollAsync(api, $"/api/documents/{id}", d => (string?)d["status"] == "ready", timeout.Token);

        using var asked = await api.PostAsJsonAsync("/api/ask", new { question = "Where is the relay site BLUE HERON?" }, timeout.Token);
        var answer = JsonNode.Parse(await asked.Content.ReadAsStringAsync(timeout.Token))!;
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains((string?)answer["backend"], new[] { "vllm", "ollama" });
        var citation = answer["citations"]!.AsArray()[0]!;
        Assert.Equal(id, (string?)citation["documentId"]);
        Assert.Contains("hill 402", (string?)citation["text"]);
    }

    private static async Task<JsonNode> PollAsync(HttpClient api, string path, Func<JsonNode, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            var node = JsonNode.Parse(await api.GetStringAsync(path, cancellationToken))!;
            if (done(node))
            {
                return node;
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    private static async Task<JsonNode> InvokeAsync(HttpClient api, CancellationToken cancellationToken)
    {
        using var response = await api.PostAsJsonAsync("/api/llm/invoke", new { prompt = "What does the SOP say about radio checks?" }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }
}
