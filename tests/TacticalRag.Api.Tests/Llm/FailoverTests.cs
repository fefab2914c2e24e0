using System.Net;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Llm;

/// <summary>Each way vLLM can fail, and what the caller of the gateway gets: an answer from Ollama, marked as a fallback.</summary>
public sealed class FailoverTests
{
    [Theory]
    [InlineData(SimFault.Refuse)]
    [InlineData(SimFault.Hang)]
    [InlineData(SimFault.SlowFirstToken)]
    [InlineData(SimFault.ServerError)]
    [InlineData(SimFault.TooManyRequests)]
    [InlineData(SimFault.MalformedJson)]
    [InlineData(SimFault.ModelMissing)]
    [InlineData(SimFault.Loading)]
    public async Task InvokeFallsBackToOllamaWhenVllmFails(SimFault fault)
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: fault);

        var answer = await servers.Client.InvokeOkAsync("Where is the rally point?");

        Assert.Equal("ollama", answer.GetProperty("backend").GetString());
        Assert.Equal(ModelServers.OllamaModel, answer.GetProperty("model").GetString());
        Assert.True(answer.GetProperty("fallback").GetBoolean());
        Assert.Contains("Where is the rally point?", answer.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(SimFault.Refuse)]
    [InlineData(SimFault.Hang)]
    [InlineData(SimFault.ServerError)]
    [InlineData(SimFault.ModelMissing)]
    public async Task StreamFallsBackToOllamaBeforeTheFirstToken(SimFault fault)
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: fault);

        var result = await servers.Client.StreamAsync("Where is the rally point?");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        var done = Assert.IsType<JsonElement>(result.Last("done"));
        Assert.Equal("ollama", done.GetProperty("backend").GetString());
        Assert.True(done.GetProperty("fallback").GetBoolean());
        Assert.Contains("Where is the rally point?", result.Text);
        Assert.True(result.Events.Count(e => e.Event == "token") > 1, "tokens arrive one by one");
    }

    [Fact]
    public async Task StreamCutAfterTheFirstTokenEndsWithAnErrorAndNoSilentSwitch()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.StreamCut);

        var result = await servers.Client.StreamAsync("Report the convoy status");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.NotEmpty(result.Text);
        Assert.Null(result.Last("done"));
        var error = Assert.IsType<JsonElement>(result.Last("error"));
        Assert.Contains("vllm", error.GetProperty("detail").GetString());
        Assert.Equal(0, servers.Ollama.GenerationRequests);
    }

    [Fact]
    public async Task InvokeWhoseVllmStreamBreaksIsAnsweredWholeByOllama()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.StreamCut);

        var answer = await servers.Client.InvokeOkAsync("Report the convoy status");

        Assert.Equal("ollama", answer.GetProperty("backend").GetString());
        Assert.StartsWith("Simulated answer from llama3.1:8b", answer.GetProperty("text").GetString());
    }

    [Fact]
    public async Task TrafficReturnsToVllmOnceItRecovers()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.Refuse);
        Assert.Equal("ollama", (await servers.Client.InvokeOkAsync("one")).GetProperty("backend").GetString());

        await servers.Vllm.SetFaultAsync(SimFault.None);
        await servers.Client.WaitUntilHealthyAsync("vllm");

        var answer = await servers.Client.InvokeOkAsync("two");
        Assert.Equal("vllm", answer.GetProperty("backend").GetString());
        Assert.False(answer.GetProperty("fallback").GetBoolean());
    }

    [Fact]
    public async Task BothBackendsDownAnswers503WithEachBackendsReason()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.Refuse, ollamaFault: SimFault.ServerError);

        using var response = await servers.Client.InvokeAsync("Anyone there?");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var failures = problem.GetProperty("failures").EnumerateArray().ToDictionary(
            f => f.GetProperty("backend").GetString()!, f => f.GetProperty("reason").GetString());
        Assert.Equal("connection_failed", failures["vllm"]);
        Assert.Equal("server_error", failures["ollama"]);
    }

    [Fact]
    public async Task StreamWithBothBackendsDownAnswers503ProblemDetails()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.Refuse, ollamaFault: SimFault.Refuse);

        var result = await servers.Client.StreamAsync("Anyone there?");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.Contains("No LLM backend answered", result.Body);
    }

    [Fact]
    public async Task VllmIsNeverCalledWhenUseVllmIsFalse()
    {
        await using var servers = await ModelServers.StartAsync(settings: new Dictionary<string, string?> { ["USE_VLLM"] = "false" });

        await servers.Client.InvokeOkAsync("one");
        await servers.Client.StreamAsync("two");
        var backends = await servers.Client.GetBackendsAsync();

        Assert.Equal(0, servers.Vllm.GenerationRequests);
        Assert.Equal(2, servers.Ollama.GenerationRequests);
        Assert.Equal("ollama", backends.GetProperty("preferred").GetString());
        var vllm = backends.GetProperty("backends").EnumerateArray().Single(b => b.GetProperty("name").GetString() == "vllm");
        Assert.False(vllm.GetProperty("enabled").GetBoolean());
        Assert.Equal("disabled", vllm.GetProperty("state").GetString());
    }

    [Fact]
    public async Task LastBackendStandingIsRetriedWhenItRateLimits()
    {
        await using var servers = await ModelServers.StartAsync(
            ollamaFault: SimFault.TooManyRequests,
            // Room for three attempts and two Retry-After waits even on a busy machine: this is about counting attempts.
            settings: new Dictionary<string, string?> { ["USE_VLLM"] = "false", ["Llm:FirstTokenTimeout"] = "00:00:05" });

        using var response = await servers.Client.InvokeAsync("retry me");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Contains("rate_limited"), body);
        Assert.Equal(3, servers.Ollama.GenerationRequests);
    }

    [Fact]
    public async Task BackendThatCanFailOverIsNotRetried()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.TooManyRequests);

        var answer = await servers.Client.InvokeOkAsync("fail over, do not retry");

        Assert.Equal("ollama", answer.GetProperty("backend").GetString());
        Assert.True(servers.Vllm.GenerationRequests <= 1);
    }

    [Fact]
    public async Task BackendsEndpointShowsVllmDownWithItsLastError()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.ServerError);
        await servers.Client.WaitUntilHealthyAsync("ollama");

        var backends = await servers.Client.GetBackendsAsync();

        Assert.Equal("vllm", backends.GetProperty("preferred").GetString());
        Assert.Equal("ollama", backends.GetProperty("active").GetString());
        var vllm = backends.GetProperty("backends").EnumerateArray().Single(b => b.GetProperty("name").GetString() == "vllm");
        Assert.False(vllm.GetProperty("healthy").GetBoolean());
        Assert.Contains("503", vllm.GetProperty("lastError").GetString());
        Assert.Equal(ModelServers.VllmModel, vllm.GetProperty("model").GetString());
        Assert.StartsWith("http://127.0.0.1:", vllm.GetProperty("endpoint").GetString());
        Assert.NotEqual(JsonValueKind.Null, vllm.GetProperty("lastCheckedUtc").ValueKind);
    }

    [Fact]
    public async Task RecentFallbacksAreListedWithTheirReasons()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.ServerError);

        await servers.Client.InvokeOkAsync("one");
        var fallbacks = System.Text.Json.JsonDocument.Parse(await servers.Client.GetStringAsync("/api/llm/fallbacks")).RootElement.GetProperty("fallbacks");

        var latest = fallbacks[0];
        Assert.Equal("vllm", latest.GetProperty("backend").GetString());
        Assert.Contains(latest.GetProperty("reason").GetString(), new[] { "server_error", "known_down" });
        Assert.NotEqual(JsonValueKind.Null, latest.GetProperty("atUtc").ValueKind);
    }
}
