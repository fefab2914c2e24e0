using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TacticalRag.Api.Answering;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Security;

namespace TacticalRag.Api.Tests.Llm;

/// <summary>
/// No model server at all (one backend a name that does not resolve, the other a refused loopback port), as in local
/// mode without vLLM or Ollama: once the monitor has seen both down, requests answer at once without calling them.
/// </summary>
public sealed class KnownDownTests
{
    private static readonly Uri Unresolvable = new("http://trag-no-such-model-server.invalid:8000/");

    [Fact]
    public async Task WithEveryBackendKnownDownAskIsRetrievalOnlyInvokeIs503AndNothingIsLoggedAsAnError()
    {
        var errors = new CapturedLogs(LogLevel.Error);
        await using var gateway = GatewayHost.Start(Unresolvable, GatewayHost.Unreachable,
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" },
            services => services.AddSingleton<ILoggerProvider>(errors));
        await gateway.Client.IngestSamplesAsync("glossary.md");
        await gateway.Client.WaitUntilHealthyAsync("vllm", healthy: false);
        await gateway.Client.WaitUntilHealthyAsync("ollama", healthy: false);
        await Eventually.ReturnsAsync(BothSeenDownAsync(gateway), down => down, "both backends are probed down");

        var answer = await gateway.Client.AskOkAsync("What is the PACE plan?");
        using var invoke = await gateway.Client.InvokeAsync("Anyone there?");
        var problem = JsonDocument.Parse(await invoke.Content.ReadAsStringAsync()).RootElement;
        var fallbacks = await gateway.Client.GetStringAsync("/api/llm/fallbacks");

        Assert.Equal(LlmBackend.None, answer.GetProperty("backend").GetString());
        Assert.StartsWith(RetrievalOnlyAnswer.Heading, answer.GetProperty("answer").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, invoke.StatusCode);
        // Every failure is a known-down skip: no backend was called.
        Assert.All(problem.GetProperty("failures").EnumerateArray(), f => Assert.Equal("known_down", f.GetProperty("reason").GetString()));
        Assert.DoesNotContain("known_down", fallbacks);
        Assert.Empty(errors.Lines);
    }

    [Fact]
    public async Task FailedAttemptsOnModelServersThatAreNotThereAreNotLoggedAsErrors()
    {
        var errors = new CapturedLogs(LogLevel.Error);
        // Probes far apart: the request meets the refused ports itself (unless the first probe got there first).
        await using var gateway = GatewayHost.Start(GatewayHost.Unreachable, GatewayHost.Unreachable,
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information", ["Llm:HealthProbeInterval"] = "00:10:00" },
            services => services.AddSingleton<ILoggerProvider>(errors));

        using var invoke = await gateway.Client.InvokeAsync("Anyone there?");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, invoke.StatusCode);
        Assert.Empty(errors.Lines);
    }

    private static Func<Task<bool>> BothSeenDownAsync(GatewayHost gateway) => async () =>
        (await gateway.Client.GetBackendsAsync()).GetProperty("backends").EnumerateArray()
            .All(b => b.GetProperty("state").GetString() == "down");
}
