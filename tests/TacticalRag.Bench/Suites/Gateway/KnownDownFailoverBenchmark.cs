using System.Text;
using TacticalRag.Bench.Hosting;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;
using TacticalRag.ModelServerSim;
using static TacticalRag.Bench.Reporting.MarkdownTable;

namespace TacticalRag.Bench.Suites.Gateway;

/// <summary>
/// Failover once the health monitor knows vLLM is down: every request skips it and Ollama answers. Compared with the
/// same gateway while vLLM is healthy.
/// </summary>
internal static class KnownDownFailoverBenchmark
{
    private const double TargetAddedP99Ms = 10;

    /// <summary>Short, so "known down" is reached quickly; probing a refusing port costs microseconds.</summary>
    private const string ProbeInterval = "00:00:00.500";

    /// <summary>The fallback warning is this logger's; raising its level shows what writing one warning per request costs.</summary>
    private const string FallbackLogCategory = "Logging:LogLevel:TacticalRag.Api.Llm.BackendFailoverChatClient";

    /// <summary>The overhead runs before this one already warmed the process; this only fills the new gateway's pools.</summary>
    private static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(1);

    private sealed record Case(string Name, string AnsweredBy, LatencySummary Latency);

    public static async Task<string> RunAsync(
        ModelServerSimulator vllm, ModelServerSimulator ollama, BenchOptions options, TargetLedger targets, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?> { ["Llm:HealthProbeInterval"] = ProbeInterval };
        List<Case> cases = [];
        await using (var gateway = BenchGateway.Start(vllm.BaseAddress, ollama.BaseAddress, settings))
        {
            await gateway.WaitUntilAsync("vllm", "up", cancellationToken);
            cases.Add(await MeasureAsync("vLLM healthy (baseline)", gateway, ollama, options, cancellationToken));
            await vllm.SetFaultAsync(SimFault.Refuse, cancellationToken);
            await gateway.WaitUntilAsync("vllm", "down", cancellationToken);
            cases.Add(await MeasureAsync("vLLM refusing, monitor knows it is down", gateway, ollama, options, cancellationToken));
        }
        await using (var quiet = BenchGateway.Start(vllm.BaseAddress, ollama.BaseAddress, new Dictionary<string, string?>(settings) { [FallbackLogCategory] = "Error" }))
        {
            await quiet.WaitUntilAsync("vllm", "down", cancellationToken);
            cases.Add(await MeasureAsync("same, fallback warning not logged (context)", quiet, ollama, options, cancellationToken));
        }
        await vllm.SetFaultAsync(SimFault.None, cancellationToken);
        return Report(cases, options, targets);
    }

    private static async Task<Case> MeasureAsync(
        string name, BenchGateway gateway, ModelServerSimulator ollama, BenchOptions options, CancellationToken cancellationToken)
    {
        Progress.Step($"failover (known down): {name}, {Warmup(options).TotalSeconds:0.#} s warm-up + {options.FailoverDuration.TotalSeconds:0.#} s");
        using var client = LoopbackHttp.Create(gateway.BaseAddress, concurrency: 1);
        ollama.ResetCounters();
        var latency = await ClosedLoopLoad.RunAsync(1, Warmup(options), options.FailoverDuration,
            ct => GatewayCalls.PostAsync(client, GatewayCalls.InvokePath, GatewayCalls.InvokeBody, ct), cancellationToken);
        // The simulators count what they answered: all Ollama, or none of it.
        var ollamaAnswers = ollama.GenerationRequests;
        var answeredBy = ollamaAnswers == 0 ? "vllm" : ollamaAnswers >= latency.Count ? "ollama (fallback)" : $"mixed: {ollamaAnswers} by ollama";
        return new Case(name, answeredBy, latency);
    }

    private static TimeSpan Warmup(BenchOptions options) => options.Warmup < MaxWarmup ? options.Warmup : MaxWarmup;

    private static string Report(List<Case> cases, BenchOptions options, TargetLedger targets)
    {
        var baseline = cases[0].Latency;
        var addedP99 = cases[1].Latency.P99 - baseline.P99;
        targets.Add($"Failover, vLLM refusing and known down: added p99 ≤ {TargetAddedP99Ms:0} ms", $"{Signed(addedP99)} ms", Verdict(addedP99, TargetAddedP99Ms));
        var table = new MarkdownTable("Case", "Answered by", "Requests", "Errors", "p50 ms", "p90 ms", "p99 ms", "max ms", "Added p50 ms", "Added p99 ms", "Target: added p99 ≤ 10 ms");
        for (var i = 0; i < cases.Count; i++)
        {
            var (name, answeredBy, latency) = cases[i];
            var added = (P50: latency.P50 - baseline.P50, P99: latency.P99 - baseline.P99);
            table.Add(name, answeredBy, Count(latency.Count), Count(latency.Errors),
                Ms(latency.P50), Ms(latency.P90), Ms(latency.P99), Ms(latency.Max),
                i == 0 ? "–" : Signed(added.P50), i == 0 ? "–" : Signed(added.P99),
                i == 1 ? Verdict(added.P99, TargetAddedP99Ms) : "–");
        }

        var text = new StringBuilder();
        text.AppendLine("### 2a. vLLM refusing connections, the monitor already knows");
        text.AppendLine();
        text.AppendLine($"One gateway (health probe every 0.5 s), sequential `/api/llm/invoke` requests, {Warmup(options).TotalSeconds:0.#} s warm-up + "
            + $"{options.FailoverDuration.TotalSeconds:0.#} s measured per row. vLLM is then stopped (connections refused) and the rows after the baseline start once "
            + "`GET /api/llm/backends` lists vllm `\"state\":\"down\"`, so each request skips vLLM without trying it and Ollama answers. "
            + "Each of those requests logs one Warning (`LLM fallback: skipping vllm (known_down)`) through the console logger; the last row raises that "
            + "logger to Error in a second gateway to show what the warning costs. \"Added\" is against the healthy baseline, so it also holds the difference "
            + "between the Ollama path (OllamaSharp, NDJSON) and the vLLM path (OpenAI SDK, SSE).");
        text.AppendLine();
        text.Append(table);
        return text.ToString();
    }
}
