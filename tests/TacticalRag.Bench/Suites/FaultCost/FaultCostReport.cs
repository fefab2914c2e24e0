using System.Globalization;
using System.Text;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Gateway;
using TacticalRag.ModelServerSim;
using static TacticalRag.Bench.Reporting.MarkdownTable;

namespace TacticalRag.Bench.Suites.FaultCost;

/// <summary>The failover cost per fault as markdown, with the targets the gateway suite set for failover.</summary>
internal static class FaultCostReport
{
    private const double ImmediateAddedMaxMs = 50;
    private const double AwareAddedP99Ms = 10;
    private static readonly TimeSpan BoundSlack = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The simulator's <c>StreamCut</c> waits this long after its last token before aborting, so the flushed tokens reach
    /// the client first: a cost of the simulated fault, not of the gateway, taken out before the target is checked.
    /// </summary>
    public const double StreamCutPauseMs = 100;

    /// <summary>Faults the gateway can only find by waiting out the first-token bound.</summary>
    public static bool IsTimeBound(SimFault fault) => fault is SimFault.Hang or SimFault.SlowFirstToken or SimFault.Loading;

    /// <summary>Per fault: healthy, discovering and aware latencies, for the chart.</summary>
    public sealed record FaultFigures(SimFault Fault, LatencySummary Healthy, LatencySummary Discovering, LatencySummary Aware);

    public static IReadOnlyList<FaultFigures> Figures(FaultCostResult result) => result.Faults.Select(f => new FaultFigures(
        f.Fault,
        LatencySummary.From(f.Samples.Select(s => s.HealthyMs)),
        Answered(f.Samples.Select(s => s.Discovering)),
        Answered(f.Samples.SelectMany(s => s.Aware)))).ToList();

    public static string Write(FaultCostResult result, TargetLedger targets)
    {
        var bound = result.Settings.FirstTokenTimeout;
        var table = new MarkdownTable("vLLM fault", "What vLLM does", "Healthy p50 ms", "Discovering request: answered by", "p50 ms", "max ms",
            "Added max ms", "Gateway lists vLLM", "Aware requests: answered by", "p50 ms", "p99 ms", "Added p99 ms");
        var worst = (Immediate: (Fault: "", Added: double.MinValue), TimeBound: (Fault: "", Max: double.MinValue), Aware: (Fault: "", Added: double.MinValue));
        var unanswered = 0;
        var requests = 0;
        foreach (var ((fault, samples), figures) in result.Faults.Zip(Figures(result)))
        {
            var addedMax = figures.Discovering.Max - figures.Healthy.Max;
            var gatewayAdded = fault == SimFault.StreamCut ? addedMax - StreamCutPauseMs : addedMax;
            var awareAdded = figures.Aware.P99 - figures.Healthy.P50;
            table.Add($"`{fault}`", Describe(fault, result.Settings), Ms(figures.Healthy.P50), AnsweredBy(samples.Select(s => s.Discovering)),
                Ms(figures.Discovering.P50), Ms(figures.Discovering.Max), Signed(addedMax),
                string.Join(", ", samples.GroupBy(s => s.After.State + (s.After.Reason is { } r ? $" ({r})" : "")).Select(g => $"{g.Key} ×{g.Count()}")),
                AnsweredBy(samples.SelectMany(s => s.Aware)), Ms(figures.Aware.P50), Ms(figures.Aware.P99), Signed(awareAdded));
            var all = samples.Select(s => s.Discovering).Concat(samples.SelectMany(s => s.Aware)).ToList();
            requests += all.Count;
            unanswered += all.Count(r => r.Backend != "ollama");
            if (IsTimeBound(fault))
            {
                worst.TimeBound = figures.Discovering.Max > worst.TimeBound.Max || double.IsNaN(figures.Discovering.Max) ? (fault.ToString(), figures.Discovering.Max) : worst.TimeBound;
            }
            else if (gatewayAdded > worst.Immediate.Added || double.IsNaN(gatewayAdded))
            {
                worst.Immediate = (fault.ToString(), gatewayAdded);
            }
            if (awareAdded > worst.Aware.Added || double.IsNaN(awareAdded))
            {
                worst.Aware = (fault.ToString(), awareAdded);
            }
        }

        targets.Add("Failover: every request under every vLLM fault answered (200) by Ollama", $"{requests - unanswered}/{requests}",
            unanswered == 0 ? "met" : $"missed: {unanswered} not answered by Ollama");
        targets.Add($"Failover, immediate faults, gateway not yet aware: added max ≤ {ImmediateAddedMaxMs:0} ms (`StreamCut`: after the simulator's {StreamCutPauseMs:0} ms pause)",
            $"{Signed(worst.Immediate.Added)} ms (`{worst.Immediate.Fault}`)", Verdict(worst.Immediate.Added, ImmediateAddedMaxMs));
        targets.Add($"Failover, time-bound faults: max ≤ first-token bound + {BoundSlack.TotalSeconds:0} s ({(bound + BoundSlack).TotalMilliseconds:0} ms), never the 90 s total",
            $"{Ms(worst.TimeBound.Max)} ms (`{worst.TimeBound.Fault}`)", Verdict(worst.TimeBound.Max, (bound + BoundSlack).TotalMilliseconds));
        targets.Add($"Failover, gateway aware (vLLM listed down): added p99 ≤ {AwareAddedP99Ms:0} ms",
            $"{Signed(worst.Aware.Added)} ms (`{worst.Aware.Fault}`)", Verdict(worst.Aware.Added, AwareAddedP99Ms));

        var text = new StringBuilder();
        text.AppendLine("## 2. Failover cost per fault");
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"`POST /api/llm/invoke` (the 12-word prompt, {GatewayCalls.MaxTokens} tokens) with vLLM under each fault and Ollama healthy. "
            + $"{result.Settings.Samples} samples per fault, each on a fresh gateway with the first-token bound `Llm:FirstTokenTimeout` = "
            + $"**{bound.TotalMilliseconds:0} ms** (product default 10 s; shortened so the time-bound faults finish quickly; the bound is what they cost, "
            + $"whatever its value) and the health probe interval at its 10-minute maximum, so only the start-up probe runs: the gateway sees vLLM "
            + $"healthy, {WarmRequests} requests go to vLLM (the last is the healthy baseline), the fault is switched on, and the **discovering** request "
            + $"is the first to meet it (monitor not aware). It fails over and marks vLLM down; then {result.Settings.AwareRequests} **aware** requests "
            + $"follow, which skip vLLM without trying it. Added = against the healthy baseline on the same gateways (max against max for the "
            + $"discovering request, p99 against p50 for the aware ones); it includes the difference between the Ollama path (OllamaSharp, NDJSON) "
            + $"and the vLLM path (OpenAI SDK, SSE). With so few samples, max and p99 are the slowest sample."));
        text.AppendLine();
        text.Append(table);
        text.AppendLine();
        text.AppendLine($"Immediate faults answer or break at once and cost the discovering request little; `Hang`, `Loading` and `SlowFirstToken` "
            + $"give nothing until the bound, so the discovering request costs about the bound ({bound.TotalMilliseconds:0} ms here, 10 s with product "
            + "defaults) and never the 90 s total. As the simulator plays them, the monitor (5 s probes by default) also finds `Refuse`, `Hang`, "
            + "`Loading`, `ServerError` (503 health), `ModelMissing` (not listed) and `MalformedJson` (truncated model list) by itself within one "
            + "interval plus the probe timeout; `SlowFirstToken`, `TooManyRequests` and `StreamCut` leave its probes healthy, so the gateway learns "
            + "of them only from requests and its next probe lists vLLM up again: with those, one request per probe interval pays the discovery. "
            + $"`StreamCut`'s cost is mostly the simulator's: it pauses {StreamCutPauseMs:0} ms after its last token before it aborts the connection "
            + "(so the flushed tokens arrive); the gateway then drops the broken answer, which the caller never saw, and asks Ollama.");
        return text.ToString();
    }

    private const int WarmRequests = 3;

    private static LatencySummary Answered(IEnumerable<InvokeResult> results)
    {
        var list = results.ToList();
        return LatencySummary.From(list.Where(r => r.Backend is not null).Select(r => r.Ms), list.Count(r => r.Backend is null));
    }

    private static string Describe(SimFault fault, FaultCostSettings settings) => fault switch
    {
        SimFault.Refuse => "connections refused",
        SimFault.Hang => "accepts, never sends headers",
        SimFault.SlowFirstToken => $"first token after {settings.SlowFirstTokenDelay.TotalSeconds:0.#} s",
        SimFault.ServerError => "500 (health 503)",
        SimFault.TooManyRequests => "429, Retry-After: 1",
        SimFault.MalformedJson => "200, truncated JSON / bad SSE line",
        SimFault.ModelMissing => "404 model missing, not listed",
        SimFault.Loading => "socket open, no HTTP",
        SimFault.StreamCut => "stream aborted after 2 tokens",
        _ => fault.ToString(),
    };

    private static string AnsweredBy(IEnumerable<InvokeResult> results)
    {
        var groups = results
            .GroupBy(r => r.Backend is null ? $"HTTP {r.Status}" : r.Fallback ? $"{r.Backend} (fallback)" : r.Backend)
            .Select(g => $"{g.Key} ×{g.Count()}")
            .ToList();
        return groups.Count == 0 ? "–" : string.Join(", ", groups);
    }
}
