using System.Net;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Llm;

/// <summary>
/// How the gateway fails over and back: recovery, both down, USE_VLLM off, retries, and what it reports. What the caller
/// gets for each fault on each endpoint is in FaultMatrix/.
/// </summary>
public sealed class FailoverTests
{
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
        // The monitor may have seen a backend down before the request did; then it was skipped without a call.
        Assert.Contains(failures["vllm"], new[] { "connection_failed", "known_down" });
        Assert.Contains(failures["ollama"], new[] { "server_error", "known_down" });
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
        // 429 leaves vLLM's health probe passing, so the request itself meets the failure rather than a known-down skip.
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.TooManyRequests);

        await servers.Client.InvokeOkAsync("one");
        var fallbacks = System.Text.Json.JsonDocument.Parse(await servers.Client.GetStringAsync("/api/llm/fallbacks")).RootElement.GetProperty("fallbacks");

        var latest = fallbacks[0];
        Assert.Equal("vllm", latest.GetProperty("backend").GetString());
        Assert.Equal("rate_limited", latest.GetProperty("reason").GetString());
        Assert.NotEqual(JsonValueKind.Null, latest.GetProperty("atUtc").ValueKind);
    }
}
