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
        using var api = graph.App.CreateHttpClient("api");
        using var web = graph.App.CreateHttpClient("web");

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health", timeout.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/", timeout.Token)).StatusCode);
    }

    [Fact]
    public async Task AnswersThroughVllmAndFallsBackToOllamaWhenVllmRefusesConnections()
    {
        using var timeout = new CancellationTokenSource(RequestTimeout);
        using var api = graph.App.CreateHttpClient("api");
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

    private static async Task<JsonNode> InvokeAsync(HttpClient api, CancellationToken cancellationToken)
    {
        using var response = await api.PostAsJsonAsync("/api/llm/invoke", new { prompt = "What does the SOP say about radio checks?" }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }
}
