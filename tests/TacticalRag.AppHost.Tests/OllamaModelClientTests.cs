using TacticalRag.AppHost.Ollama;
using TacticalRag.ModelServerSim;

namespace TacticalRag.AppHost.Tests;

/// <summary>The model pull and the model check, against a real loopback server speaking Ollama's API.</summary>
public sealed class OllamaModelClientTests
{
    [Fact]
    public async Task PullsAMissingModelShowingProgressUntilTheModelIsListed()
    {
        await using var ollama = await ModelServerSimulator.StartAsync(new SimulatorOptions { OllamaModelPulled = false });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var client = new OllamaModelClient(http, ollama.BaseAddress);
        var states = new List<string>();

        Assert.False(await client.HasModelAsync("llama3.1:8b", CancellationToken.None));

        var progress = new OllamaPullProgress("llama3.1:8b");
        await client.PullAsync("llama3.1:8b", progress, update =>
        {
            states.Add(update.StateText);
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.True(progress.Succeeded);
        Assert.Contains("Pulling llama3.1:8b", states);
        Assert.Contains(states, state => state.StartsWith("Pulling llama3.1:8b ") && state.EndsWith('%') && !state.EndsWith(" 100%"));
        Assert.Equal("Pulling llama3.1:8b 100%", states[^1]);
        Assert.True(await client.HasModelAsync("llama3.1:8b", CancellationToken.None));
    }

    [Fact]
    public async Task ReportsWhatOllamaSaidWhenAPullFails()
    {
        await using var ollama = await ModelServerSimulator.StartAsync(new SimulatorOptions { OllamaModelPulled = false });
        await ollama.SetFaultAsync(SimFault.ServerError);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var client = new OllamaModelClient(http, ollama.BaseAddress);

        var error = await Assert.ThrowsAsync<OllamaPullException>(() => client.PullAsync(
            "llama3.1:8b", new OllamaPullProgress("llama3.1:8b"), _ => Task.CompletedTask, CancellationToken.None));

        Assert.Contains("500", error.Message);
    }

    [Fact]
    public void AddsUpTheLayersOfAPullIntoOnePercentage()
    {
        var progress = new OllamaPullProgress("llama3.1:8b");

        progress.Apply(new OllamaPullLine("pulling manifest", null, null, null, null));
        Assert.Equal("Pulling llama3.1:8b", progress.StateText);

        progress.Apply(new OllamaPullLine("pulling aaa", "sha256:aaa", 300, 150, null));
        progress.Apply(new OllamaPullLine("pulling bbb", "sha256:bbb", 100, 0, null));
        Assert.Equal("Pulling llama3.1:8b 37%", progress.StateText);

        progress.Apply(new OllamaPullLine("success", null, null, null, null));
        Assert.True(progress.Succeeded);
    }
}
