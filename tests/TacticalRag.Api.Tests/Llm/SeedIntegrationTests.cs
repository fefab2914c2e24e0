using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Llm;

/// <summary>The original system's integration tests, made real: real HTTP to simulated vLLM and Ollama servers.</summary>
public sealed class SeedIntegrationTests
{
    [Fact]
    public async Task VllmAnswersAPromptThroughTheGateway()
    {
        await using var servers = await ModelServers.StartAsync();

        var answer = await servers.Client.InvokeOkAsync("What is RAG?");

        Assert.Equal("vllm", answer.GetProperty("backend").GetString());
        Assert.Equal(ModelServers.VllmModel, answer.GetProperty("model").GetString());
        Assert.False(answer.GetProperty("fallback").GetBoolean());
        Assert.Contains("What is RAG?", answer.GetProperty("text").GetString());
        Assert.True(answer.GetProperty("elapsedMs").GetInt64() >= 0);
    }

    [Fact]
    public async Task OllamaAnswersAPromptWhenItIsTheConfiguredBackend()
    {
        await using var servers = await ModelServers.StartAsync(settings: new Dictionary<string, string?> { ["USE_VLLM"] = "false" });

        var answer = await servers.Client.InvokeOkAsync("What is RAG?");

        Assert.Equal("ollama", answer.GetProperty("backend").GetString());
        Assert.Equal(ModelServers.OllamaModel, answer.GetProperty("model").GetString());
        Assert.False(answer.GetProperty("fallback").GetBoolean());
        Assert.Contains("What is RAG?", answer.GetProperty("text").GetString());
    }

    [Fact]
    public async Task FactoryWithVllmEnabledPutsVllmFirstAndUsesIt()
    {
        await using var servers = await ModelServers.StartAsync(settings: new Dictionary<string, string?> { ["USE_VLLM"] = "true" });

        var registry = servers.Gateway.Services.GetRequiredService<LlmBackendRegistry>();
        var answer = await servers.Client.InvokeOkAsync("Hello");

        Assert.Equal(["vllm", "ollama"], registry.Enabled.Select(b => b.Name));
        Assert.Equal("vllm", answer.GetProperty("backend").GetString());
        Assert.Equal(1, servers.Vllm.GenerationRequests);
        Assert.Equal(0, servers.Ollama.GenerationRequests);
    }

    [Fact]
    public async Task FactoryFallsBackToOllamaWhenVllmIsUnavailable()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.Refuse);

        var answer = await servers.Client.InvokeOkAsync("Hello");

        Assert.Equal("ollama", answer.GetProperty("backend").GetString());
        Assert.True(answer.GetProperty("fallback").GetBoolean());
    }

    [Fact]
    public async Task FiftyConcurrentPromptsAreAllAnswered()
    {
        await using var servers = await ModelServers.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => servers.Client.InvokeAsync($"Question {i}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var texts = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(Enumerable.Range(0, 50), i => Assert.Contains($"Question {i}", texts[i]));
        Assert.Equal(50, servers.Vllm.GenerationRequests);
    }
}
