using System.Globalization;
using System.Text;
using TacticalRag.Bench.Reporting;
using static TacticalRag.Bench.Reporting.MarkdownTable;
using static TacticalRag.Bench.Suites.Gateway.OverheadBenchmark;

namespace TacticalRag.Bench.Suites.Gateway;

/// <summary>Section 1 of the gateway report: the figures, the overhead against the targets, and where the time goes.</summary>
internal static class OverheadReport
{
    private const double TargetP50Ms = 1;
    private const double TargetP99Ms = 5;

    public static string Write(
        IReadOnlyList<Row> rows, BenchOptions options, TimeSpan contextWarmup, TimeSpan contextDuration, int ollamaAnswers, TargetLedger targets)
    {
        var latencies = new MarkdownTable("Path", "Concurrency", "Requests", "Errors", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms", "CPU ms/req", "alloc KiB/req", "GC pauses");
        foreach (var (route, concurrency, latency) in rows)
        {
            latencies.Add(Label(route), Count(concurrency), Count(latency.Count), Count(latency.Errors), Rate(latency.ThroughputPerSecond),
                Ms(latency.P50), Ms(latency.P90), Ms(latency.P99), Ms(latency.Max), Ms(latency.Mean), Ms3(latency.CpuMsPerRequest),
                Ms(latency.AllocatedKiBPerRequest), $"{Count(latency.GcCount)} / {Ms(latency.GcPauseMs)} ms");
        }

        var overhead = new MarkdownTable("Concurrency", "Overhead p50 ms", "Overhead p99 ms", "Ratio p50", "Ratio p99",
            "Target p50 ≤ 1 ms", "Target p99 ≤ 5 ms", "Extra CPU ms/req");
        foreach (var concurrency in rows.Select(r => r.Concurrency).Distinct())
        {
            var direct = Find(rows, Route.Direct, concurrency).Latency;
            var gateway = Find(rows, Route.Gateway, concurrency).Latency;
            var targeted = concurrency == TargetConcurrency;
            overhead.Add(Count(concurrency), Signed(gateway.P50 - direct.P50), Signed(gateway.P99 - direct.P99),
                Ratio(gateway.P50 / direct.P50), Ratio(gateway.P99 / direct.P99),
                targeted ? Verdict(gateway.P50 - direct.P50, TargetP50Ms) : "–",
                targeted ? Verdict(gateway.P99 - direct.P99, TargetP99Ms) : "–",
                Ms3(gateway.CpuMsPerRequest - direct.CpuMsPerRequest));
        }

        var atTarget = (Direct: Find(rows, Route.Direct, TargetConcurrency).Latency, Gateway: Find(rows, Route.Gateway, TargetConcurrency).Latency);
        var (overheadP50, overheadP99) = (atTarget.Gateway.P50 - atTarget.Direct.P50, atTarget.Gateway.P99 - atTarget.Direct.P99);
        targets.Add($"Gateway overhead p50 ≤ {TargetP50Ms:0} ms at concurrency {TargetConcurrency}", $"{Signed(overheadP50)} ms", Verdict(overheadP50, TargetP50Ms));
        targets.Add($"Gateway overhead p99 ≤ {TargetP99Ms:0} ms at concurrency {TargetConcurrency}", $"{Signed(overheadP99)} ms", Verdict(overheadP99, TargetP99Ms));

        var text = new StringBuilder();
        text.AppendLine("## 1. Gateway overhead");
        text.AppendLine();
        text.AppendLine($"The same request (a 12-word prompt, max {GatewayCalls.MaxTokens} tokens; the simulator answers {GatewayCalls.MaxTokens} tokens with no generation delay) "
            + "sent straight to the vLLM simulator (`POST /v1/chat/completions`, `\"stream\":false`) and to the gateway (`POST /api/llm/invoke`), which forwards it to "
            + "the same simulator. The gateway always **streams** from its backend (`\"stream\":true`, SSE read token by token through the OpenAI SDK) and collects "
            + "the answer, so that its first-token bound means the same for any answer length. "
            + $"First both paths run unrecorded for {Sec(options.Warmup + options.Warmup)} s each at concurrency {TargetConcurrency} (tiered JIT settles). "
            + $"Closed loop: each of N workers sends, reads the whole answer, sends again; {Sec(options.Warmup)} s unrecorded warm-up, then {Sec(options.Duration)} s "
            + $"measured per row (context rows: {Sec(contextWarmup)} s + {Sec(contextDuration)} s). HttpClient over loopback, a SocketsHttpHandler allowing N connections. "
            + "Client, gateway and simulators share this one process and its cores, so \"CPU ms/req\" and \"alloc KiB/req\" are the whole process's "
            + "per request, and \"GC pauses\" counts collections / total pause time in the measured window. "
            + "The gateway runs with product defaults (Production environment, OpenTelemetry tracing and metrics on without an exporter, console logging at Warning).");
        text.AppendLine();
        text.Append(latencies);
        text.AppendLine();
        text.Append(overhead);
        text.AppendLine();
        text.AppendLine("Overhead = gateway − direct `stream:false` at the same percentile; ratio = gateway ÷ direct; targets apply at concurrency 16.");
        text.AppendLine();
        text.AppendLine(Breakdown(rows));
        if (ollamaAnswers > 0)
        {
            text.AppendLine();
            text.AppendLine($"**Warning:** {ollamaAnswers} gateway requests were answered by Ollama, not vLLM: the gateway rows mix backends.");
        }
        return text.ToString();
    }

    /// <summary>Where the time goes at the target concurrency, worked out from the context rows.</summary>
    private static string Breakdown(IReadOnlyList<Row> rows)
    {
        var direct = Find(rows, Route.Direct, TargetConcurrency).Latency;
        var gateway = Find(rows, Route.Gateway, TargetConcurrency).Latency;
        var streaming = Find(rows, Route.DirectStreaming, TargetConcurrency).Latency;
        var trivial = Find(rows, Route.GatewayTrivialEndpoint, TargetConcurrency).Latency;
        var cores = Environment.ProcessorCount;
        var extraCpu = gateway.CpuMsPerRequest - direct.CpuMsPerRequest;
        var llmPath = gateway.CpuMsPerRequest - trivial.CpuMsPerRequest - streaming.CpuMsPerRequest;
        return $"**Where the time goes at concurrency {TargetConcurrency}.** The load is CPU-bound ({cores} cores shared by client, gateway and simulator), "
            + $"so latency ≈ {TargetConcurrency} × CPU per request ÷ {cores}. A gateway request costs {Ms3(gateway.CpuMsPerRequest)} ms of CPU against "
            + $"{Ms3(direct.CpuMsPerRequest)} ms direct: {Ms3(extraCpu)} ms more, which alone predicts {Ms(TargetConcurrency * extraCpu / cores)} ms of added "
            + $"latency (measured p50: {Ms(gateway.P50 - direct.P50)} ms). Meeting p50 ≤ {TargetP50Ms:0} ms here would need the extra CPU at or below "
            + $"{Ms3(TargetP50Ms * cores / TargetConcurrency)} ms per request. Of the gateway's {Ms3(gateway.CpuMsPerRequest)} ms: about "
            + $"{Ms3(trivial.CpuMsPerRequest)} ms is a request into the gateway and back (as for `GET /api/llm/backends`), about {Ms3(streaming.CpuMsPerRequest)} ms "
            + $"the streamed call to the simulator (as direct `stream:true`), and the remaining {Ms3(llmPath)} ms the gateway's LLM path between them "
            + "(failover client, Microsoft.Extensions.AI, the OpenAI SDK's SSE parsing, the resilience pipeline, telemetry). The simulator's streaming itself "
            + $"is not what dominates: direct `stream:true` − `stream:false` is {Signed(streaming.P50 - direct.P50)} ms at p50 and "
            + $"{Signed(streaming.CpuMsPerRequest - direct.CpuMsPerRequest)} ms of CPU per request. "
            + $"The tail carries pauses besides: a gateway request allocates {Ms(gateway.AllocatedKiBPerRequest)} KiB (direct: {Ms(direct.AllocatedKiBPerRequest)} KiB), "
            + $"and garbage collection stopped the whole process {Count(gateway.GcCount)} times for {Ms(gateway.GcPauseMs)} ms in all during the gateway run "
            + $"(direct: {Count(direct.GcCount)} times, {Ms(direct.GcPauseMs)} ms); each pause holds up all {TargetConcurrency} requests in flight, and other "
            + "processes on the machine (see the load average) take cores away at random.";
    }

    private static Row Find(IReadOnlyList<Row> rows, Route route, int concurrency) =>
        rows.Single(r => r.Route == route && r.Concurrency == concurrency);

    private static string Label(Route route) => route switch
    {
        Route.Direct => "direct to vLLM sim, `stream:false`",
        Route.Gateway => "gateway `POST /api/llm/invoke`",
        Route.DirectStreaming => "direct to vLLM sim, `stream:true` (context)",
        Route.GatewayTrivialEndpoint => "gateway `GET /api/llm/backends` (context)",
        _ => route.ToString(),
    };

    private static string Ms3(double value) => double.IsNaN(value) ? "–" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Sec(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
