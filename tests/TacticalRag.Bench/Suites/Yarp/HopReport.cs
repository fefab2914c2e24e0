using System.Globalization;
using System.Text;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Gateway;
using static TacticalRag.Bench.Reporting.MarkdownTable;

namespace TacticalRag.Bench.Suites.Yarp;

/// <summary>The hop comparison as markdown: every path's figures, the gateway against YARP, and where the time goes.</summary>
public static class HopReport
{
    /// <summary>The issue's target: the gateway within 1.5× of a plain YARP hop at p50 and p99.</summary>
    public const double TargetRatio = 1.5;

    /// <summary>The issue's allocation target: the gateway allocates at most twice what the process allocates per request through YARP.</summary>
    public const double AllocationTargetRatio = 2.0;

    /// <summary>The gateway's two prompt endpoints, both held to the targets.</summary>
    public static readonly HopPath[] GatewayPaths = [HopPath.Gateway, HopPath.GatewayStream];

    public static string Write(HopResult result, TargetLedger targets)
    {
        var settings = result.Settings;
        var text = new StringBuilder();
        text.AppendLine("## 1. Gateway overhead: direct, YARP, gateway");
        text.AppendLine();
        text.AppendLine($"The same chat request (a 12-word prompt, max {GatewayCalls.MaxTokens} tokens; the simulator answers {GatewayCalls.MaxTokens} tokens "
            + "with no generation delay, so only the HTTP hops and the gateway's own work are timed) sent to one vLLM simulator: straight to it, through a "
            + "plain YARP 2.3 reverse proxy (Kestrel on loopback, one catch-all route, nothing else), and through the gateway's `POST /api/llm/invoke` "
            + "and `POST /api/llm/stream` (its SSE `token` events read to the end). "
            + "The gateway always **streams** from its backend (`\"stream\":true`: its first-token and stall bounds need the tokens as they come), "
            + "reading the SSE itself (the BCL's `SseParser`, one `Utf8JsonReader` pass per event, pooled buffers), and returns the collected answer "
            + "(`invoke`) or relays each token as an SSE event of its own format (`stream`); so the fair YARP row is YARP forwarding `stream:true`: the "
            + "same work on the simulator's side, the SSE passed through unread. "
            + $"Closed loop, {Sec(settings.ProcessWarmup)} s unrecorded per path first; then {settings.Rounds} round(s) in which every path takes its turn "
            + $"at each concurrency ({Sec(settings.RowWarmup)} s unrecorded + {Sec(settings.RoundDuration)} s measured), the samples of all rounds pooled. "
            + "Client, simulator, YARP and gateway share one process and its cores; CPU and allocations are the whole process's per request. "
            + "The gateway runs with product defaults (OpenTelemetry on without an exporter, console logging at Warning); its OpenTelemetry listeners "
            + "also see the client's and YARP's HTTP activities, so every path pays that alike.");
        text.AppendLine();
        var table = new MarkdownTable("Path", "Concurrency", "Requests", "Errors", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "CPU ms/req", "alloc KiB/req");
        foreach (var (path, concurrency, latency) in result.Rows)
        {
            table.Add(Label(path), Count(concurrency), Count(latency.Count), Count(latency.Errors), Rate(latency.ThroughputPerSecond),
                Ms(latency.P50), Ms(latency.P90), Ms(latency.P99), Ms(latency.Max), Ms3(latency.CpuMsPerRequest), Ms(latency.AllocatedKiBPerRequest));
        }
        text.Append(table);
        text.AppendLine();

        var ratios = new MarkdownTable("Concurrency", "Gateway path", "YARP hop adds p50 / p99 ms", "Gateway adds p50 / p99 ms (vs direct stream:true)",
            "÷ YARP stream:true p50", "p99", "÷ YARP stream:false p50", "p99", "alloc ÷ YARP stream:true", "alloc ÷ YARP stream:false");
        foreach (var concurrency in HopComparison.Concurrencies)
        {
            var yarp = result[HopPath.YarpStreaming, concurrency];
            var plainYarp = result[HopPath.Yarp, concurrency];
            var direct = result[HopPath.DirectStreaming, concurrency];
            foreach (var path in GatewayPaths)
            {
                var gateway = result[path, concurrency];
                ratios.Add(Count(concurrency), ShortLabel(path),
                    $"{Signed(yarp.P50 - direct.P50)} / {Signed(yarp.P99 - direct.P99)}",
                    $"{Signed(gateway.P50 - direct.P50)} / {Signed(gateway.P99 - direct.P99)}",
                    Ratio(gateway.P50 / yarp.P50), Ratio(gateway.P99 / yarp.P99),
                    Ratio(gateway.P50 / plainYarp.P50), Ratio(gateway.P99 / plainYarp.P99),
                    Ratio(gateway.AllocatedKiBPerRequest / yarp.AllocatedKiBPerRequest),
                    Ratio(gateway.AllocatedKiBPerRequest / plainYarp.AllocatedKiBPerRequest));
                AddTargets(targets, concurrency, path, gateway, yarp, "YARP `stream:true` (same backend work)");
                AddTargets(targets, concurrency, path, gateway, plainYarp, "YARP `stream:false` (plain hop)");
            }
        }
        text.Append(ratios);
        text.AppendLine();
        text.AppendLine(Breakdown(result));
        if (result.OllamaAnswers > 0)
        {
            text.AppendLine();
            text.AppendLine($"**Warning:** {result.OllamaAnswers} gateway requests were answered by Ollama, not vLLM: the gateway rows mix backends.");
        }
        return text.ToString();
    }

    private static void AddTargets(TargetLedger targets, int concurrency, HopPath path, LatencySummary gateway, LatencySummary yarp, string against)
    {
        foreach (var (name, ours, theirs, limit) in new[]
        {
            ("p50", gateway.P50, yarp.P50, TargetRatio),
            ("p99", gateway.P99, yarp.P99, TargetRatio),
            ("alloc/request", gateway.AllocatedKiBPerRequest, yarp.AllocatedKiBPerRequest, AllocationTargetRatio),
        })
        {
            var ratio = ours / theirs;
            var unit = name == "alloc/request" ? "KiB" : "ms";
            targets.Add($"{ShortLabel(path)} {name} ≤ {limit}× {against}, concurrency {concurrency}",
                $"{Ratio(ratio)} ({Ms(ours)} vs {Ms(theirs)} {unit})",
                double.IsNaN(ratio) ? "not measured" : ratio <= limit ? "met" : $"missed by {Ratio(ratio - limit)} ({Ms(ours - limit * theirs)} {unit})");
        }
    }

    /// <summary>Where the gateway's time goes, from CPU per request: on a CPU-bound loopback run that is what latency is made of.</summary>
    private static string Breakdown(HopResult result)
    {
        var c = HopComparison.Concurrencies[^1];
        var direct = result[HopPath.DirectStreaming, c];
        var yarp = result[HopPath.YarpStreaming, c];
        var gateway = result[HopPath.Gateway, c];
        var trivial = result[HopPath.GatewayTrivial, c];
        var plainDirect = result[HopPath.Direct, c];
        var yarpHop = yarp.CpuMsPerRequest - direct.CpuMsPerRequest;
        var gatewayHop = gateway.CpuMsPerRequest - direct.CpuMsPerRequest;
        var llmPath = gateway.CpuMsPerRequest - trivial.CpuMsPerRequest - direct.CpuMsPerRequest;
        var cores = Environment.ProcessorCount;
        return string.Create(CultureInfo.InvariantCulture,
            $"**Where the time goes (concurrency {c}).** With {cores} cores shared by client, proxy and simulator the run is CPU-bound, so latency ≈ "
            + $"{c} × CPU per request ÷ {cores}. The YARP hop costs {Ms3(yarpHop)} ms of CPU per request over direct `stream:true`; the gateway's hop "
            + $"costs {Ms3(gatewayHop)} ms{(yarpHop > 0.005 ? $" ({Ratio(gatewayHop / yarpHop)} YARP's)" : "")}. Of the gateway's {Ms3(gateway.CpuMsPerRequest)} ms per request, "
            + $"about {Ms3(trivial.CpuMsPerRequest)} ms is a request into the gateway and back through its middleware (as `GET /api/llm/backends`), "
            + $"about {Ms3(direct.CpuMsPerRequest)} ms the client and the simulator's side of a streamed answer (as direct `stream:true`), and the "
            + $"remaining {Ms3(llmPath)} ms the LLM path between them: the failover client and its bounds, reading "
            + $"{GatewayCalls.MaxTokens + 2} SSE events, the resilience pipeline, the JSON answer and telemetry. YARP passes the SSE bytes through without "
            + $"parsing them. Allocations: gateway {Ms(gateway.AllocatedKiBPerRequest)} KiB per request, YARP `stream:true` "
            + $"{Ms(yarp.AllocatedKiBPerRequest)} KiB, direct `stream:false` {Ms(plainDirect.AllocatedKiBPerRequest)} KiB; the garbage collector paused "
            + $"the process {Count(gateway.GcCount)} times ({Ms(gateway.GcPauseMs)} ms) during the gateway's measured turns, which lands on the tail.");
    }

    public static string Label(HopPath path) => path switch
    {
        HopPath.Direct => "direct to vLLM sim, `stream:false`",
        HopPath.DirectStreaming => "direct to vLLM sim, `stream:true`",
        HopPath.Yarp => "YARP → vLLM sim, `stream:false`",
        HopPath.YarpStreaming => "YARP → vLLM sim, `stream:true`",
        HopPath.Gateway => "gateway `POST /api/llm/invoke` → vLLM sim",
        HopPath.GatewayStream => "gateway `POST /api/llm/stream` → vLLM sim",
        HopPath.GatewayTrivial => "gateway `GET /api/llm/backends` (context)",
        _ => path.ToString(),
    };

    /// <summary>Short names for chart legends.</summary>
    public static string ShortLabel(HopPath path) => path switch
    {
        HopPath.Direct => "direct",
        HopPath.DirectStreaming => "direct stream",
        HopPath.Yarp => "YARP",
        HopPath.YarpStreaming => "YARP stream",
        HopPath.Gateway => "gateway invoke",
        HopPath.GatewayStream => "gateway stream",
        HopPath.GatewayTrivial => "gateway GET backends",
        _ => path.ToString(),
    };

    private static string Ms3(double value) => double.IsNaN(value) ? "–" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Sec(TimeSpan span) => span.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture);
}
