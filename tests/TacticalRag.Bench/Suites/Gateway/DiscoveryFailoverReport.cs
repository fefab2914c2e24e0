using System.Text;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;
using static TacticalRag.Bench.Reporting.MarkdownTable;

namespace TacticalRag.Bench.Suites.Gateway;

/// <summary>Sections 2b and 2c: what the request that discovers a failed vLLM pays.</summary>
internal static class DiscoveryFailoverReport
{
    private const double TargetAddedP99Ms = 50;

    public static string Refused(IReadOnlyList<FirstRequestFailover.Sample> samples, IReadOnlyList<InvokeResult> knownDownFirstUse, TargetLedger targets)
    {
        var healthy = LatencySummary.From(samples.Select(s => s.HealthyMs));
        var failed = LatencySummary.From(samples.Where(s => s.AfterFault.Backend is not null).Select(s => s.AfterFault.Ms), errors: samples.Count(s => s.AfterFault.Backend is null));
        var table = new MarkdownTable("Request", "Answered by", "Samples", "p50 ms", "p90 ms", "p99 ms", "max ms", "Added p50 ms", "Added p99 ms", "Target: added p99 ≤ 50 ms");
        table.Add("last one with vLLM healthy (baseline)", $"vllm ×{samples.Count}" /* each checked before the fault */, Count(healthy.Count),
            Ms(healthy.P50), Ms(healthy.P90), Ms(healthy.P99), Ms(healthy.Max), "–", "–", "–");
        table.Add("first one after vLLM starts refusing", AnsweredBy(samples.Select(s => s.AfterFault)), Count(failed.Count),
            Ms(failed.P50), Ms(failed.P90), Ms(failed.P99), Ms(failed.Max),
            Signed(failed.P50 - healthy.P50), Signed(failed.P99 - healthy.P99), Verdict(failed.P99 - healthy.P99, TargetAddedP99Ms));
        var control = LatencySummary.From(knownDownFirstUse.Where(r => r.Backend is not null).Select(r => r.Ms), errors: knownDownFirstUse.Count(r => r.Backend is null));
        table.Add("control: first one of a gateway that already knows vLLM is down", AnsweredBy(knownDownFirstUse), Count(control.Count),
            Ms(control.P50), Ms(control.P90), Ms(control.P99), Ms(control.Max),
            Signed(control.P50 - healthy.P50), Signed(control.P99 - healthy.P99), "–");

        targets.Add($"Failover, vLLM refusing, not yet known: added p99 ≤ {TargetAddedP99Ms:0} ms ({samples.Count} samples: the slowest)",
            $"{Signed(failed.P99 - healthy.P99)} ms", Verdict(failed.P99 - healthy.P99, TargetAddedP99Ms));

        var text = new StringBuilder();
        text.AppendLine("### 2b. vLLM refusing connections, the monitor does not know yet");
        text.AppendLine();
        text.AppendLine($"{samples.Count} samples (plus one unrecorded warm-up sample). Each: a fresh gateway with the health probe interval at its maximum "
            + $"({FirstRequestFailover.ProbeInterval}), so only its first probe at start runs; wait until it lists both backends healthy; three requests "
            + "answered by vLLM (connections open; the last is the baseline); stop the vLLM simulator (its connections close, new ones are refused); one "
            + "timed request. That request finds vLLM gone, marks it down and fails over to Ollama (whose chat connection it opens first). "
            + $"With {samples.Count} samples p99 is the slowest sample. vLLM listed down by the gateway after the request: "
            + $"{samples.Count(s => s.MarkedDown)}/{samples.Count}.");
        text.AppendLine();
        text.Append(table);
        text.AppendLine();
        text.AppendLine("The control row: fresh gateways whose start-up probe already found vLLM down, three rejected (400) prompts to warm the "
            + "connection and endpoint, then one timed request: the same first use of the gateway's Ollama client (new connection, the client's first request) without the "
            + $"discovery: the discovering request minus the control, {Signed(failed.P50 - control.P50)} ms at p50 and {Signed(failed.P99 - control.P99)} ms at p99, "
            + "is what finding vLLM gone costs (the refused connection, the failure travelling up through the OpenAI SDK, marking vLLM down, the warning).");
        return text.ToString();
    }

    public static string Hanging(IReadOnlyList<FirstRequestFailover.Sample> samples, TimeSpan firstTokenTimeout, bool productDefault, TargetLedger targets)
    {
        var answered = samples.Where(s => s.AfterFault.Backend is not null).Select(s => s.AfterFault.Ms / 1000).Order().ToArray();
        var bound = firstTokenTimeout.TotalSeconds;
        var table = new MarkdownTable("Samples", "Answered by", "First-token bound", "min s", "median s", "max s", "max − bound", "Total timeout", "Verdict");
        var median = answered.Length == 0 ? double.NaN : answered[(answered.Length - 1) / 2];
        var max = answered.Length == 0 ? double.NaN : answered[^1];
        var verdict = answered.Length < samples.Count
            ? $"{samples.Count - answered.Length} request(s) not answered"
            : max < bound + 1 ? "about the bound, never the total" : $"slower than the bound by {max - bound:0.00} s";
        table.Add(Count(samples.Count), AnsweredBy(samples.Select(s => s.AfterFault)), $"{bound:0.###} s{(productDefault ? " (product default)" : "")}",
            Seconds(answered.FirstOrDefault(double.NaN)), Seconds(median), Seconds(max), $"{Signed((max - bound) * 1000)} ms", "90 s", verdict);

        targets.Add($"vLLM hanging: each request about the first-token bound ({bound:0.###} s), never the 90 s total",
            $"median {Seconds(median)} s, max {Seconds(max)} s", verdict.StartsWith("slower", StringComparison.Ordinal) ? $"missed: {verdict}" : verdict);

        var text = new StringBuilder();
        text.AppendLine("### 2c. vLLM hanging (connection accepted, no response headers ever)");
        text.AppendLine();
        text.AppendLine($"Same procedure as 2b, but vLLM hangs instead of refusing; {samples.Count} samples, one after another. Each request waits for "
            + "vLLM's first token up to `Llm:FirstTokenTimeout`, then fails over to Ollama; the 90 s `Llm:Timeout` must never be what ends it. "
            + $"vLLM listed down afterwards: {samples.Count(s => s.MarkedDown)}/{samples.Count}.");
        text.AppendLine();
        text.Append(table);
        return text.ToString();
    }

    private static string Seconds(double value) => double.IsNaN(value) ? "–" : value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);

    private static string AnsweredBy(IEnumerable<InvokeResult> results) => string.Join(", ", results
        .GroupBy(r => r.Backend is null ? $"HTTP {r.Status}" : r.Fallback ? $"{r.Backend} (fallback)" : r.Backend)
        .Select(g => $"{g.Key} ×{g.Count()}"));
}
