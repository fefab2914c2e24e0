using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;

namespace TacticalRag.AppHost.Tests;

/// <summary>A developer machine with vLLM and Ollama installed but no container runtime.</summary>
public sealed class LocalModelServersTests(LocalModelServersFixture graph) : IClassFixture<LocalModelServersFixture>
{
    [Fact]
    public void PullsTheOllamaModelShowingTheProgressAsTheResourceState()
    {
        var states = graph.OllamaStates.ToList();

        Assert.Contains(states, state => state.StartsWith("Pulling llama3.1:8b ", StringComparison.Ordinal) && state.EndsWith('%'));
        Assert.Equal("Running", states[^1]);
    }

    [Fact]
    public async Task AnswersThroughTheLocallyRunVllm()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var api = await graph.App.CreateApiClientAsync(timeout.Token);

        using var response = await api.PostAsJsonAsync("/api/llm/invoke", new { prompt = "Say hello." }, timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("vllm", (string?)JsonNode.Parse(body)!["backend"]);
    }
}
