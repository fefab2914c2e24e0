using System.Globalization;
using System.Text;
using TacticalRag.Bench.Suites;
using TacticalRag.Bench.Suites.FaultCost;
using TacticalRag.Bench.Suites.Load;
using TacticalRag.Bench.Suites.Yarp;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Bench.Report;

/// <summary>
/// The paragraph under the targets table: for each target the run missed, by how much and what the figures say
/// dominates, with the product changes that would address it (proposed here, not made: the tool measures, it does
/// not tune the product).
/// </summary>
internal static class MissedTargets
{
    public static string Write(HopResult hops, FaultCostResult faults, RetrievalFigures retrieval, LoadSuite.Result load)
    {
        List<string> notes = [];
        notes.AddRange(Hops(hops));
        notes.AddRange(Failover(faults));
        notes.AddRange(Retrieval(retrieval));
        notes.AddRange(Load(load));
        var text = new StringBuilder();
        text.AppendLine("## What dominates where a target is missed");
        text.AppendLine();
        if (notes.Count == 0)
        {
            text.AppendLine("No target was missed in this run.");
        }
        foreach (var note in notes)
        {
            text.AppendLine($"- {note}");
        }
        return text.ToString();
    }

    private static IEnumerable<string> Hops(HopResult hops)
    {
        foreach (var c in HopComparison.Concurrencies)
        {
            var gateway = hops[HopPath.Gateway, c];
            var yarp = hops[HopPath.YarpStreaming, c];
            var plain = hops[HopPath.Yarp, c];
            var direct = hops[HopPath.DirectStreaming, c];
            var trivial = hops[HopPath.GatewayTrivial, c];
            var worst = new[] { gateway.P50 / yarp.P50, gateway.P99 / yarp.P99, gateway.P50 / plain.P50, gateway.P99 / plain.P99 }.Max();
            if (worst <= HopReport.TargetRatio)
            {
                continue;
            }
            var gatewayHop = gateway.CpuMsPerRequest - direct.CpuMsPerRequest;
            var yarpHop = yarp.CpuMsPerRequest - direct.CpuMsPerRequest;
            var llmPath = gateway.CpuMsPerRequest - trivial.CpuMsPerRequest - direct.CpuMsPerRequest;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"**Gateway vs YARP, concurrency {c}:** p50 {gateway.P50:0.00} ms vs {yarp.P50:0.00} ms (YARP `stream:true`; {plain.P50:0.00} ms "
                + $"`stream:false`), p99 {gateway.P99:0.00} vs {yarp.P99:0.00} ms ({plain.P99:0.00}); worst ratio {worst:0.00}× against 1.5×. "
                + $"The gateway does more work per request, and on loopback with no generation delay work is latency: {gateway.CpuMsPerRequest:0.000} ms "
                + $"of process CPU per request against {yarp.CpuMsPerRequest:0.000} ms through YARP and {direct.CpuMsPerRequest:0.000} ms direct "
                + $"(`stream:true` each), so the gateway's hop adds {gatewayHop:0.000} ms and YARP's {yarpHop:0.000} ms; and it allocates "
                + $"{gateway.AllocatedKiBPerRequest:0} KiB per request against YARP's {yarp.AllocatedKiBPerRequest:0} KiB, which the garbage collector "
                + $"pays back as pauses on the tail. About {trivial.CpuMsPerRequest:0.000} ms is a request in and out of the gateway (a trivial "
                + $"`GET /api/llm/backends`, client side included); the rest, about {llmPath:0.000} ms, is its LLM path: the failover client with its "
                + $"first-token, stall and total bounds, the resilience pipeline, reading each SSE event once (`SseParser`, `Utf8JsonReader`), the "
                + $"request's spans and metrics, the collected JSON answer. YARP copies the SSE bytes without reading them. (Whole-process CPU over "
                + $"short windows is noisy on a shared machine; allocations are not.)");
        }
    }

    private static IEnumerable<string> Failover(FaultCostResult result)
    {
        var bound = result.Settings.FirstTokenTimeout.TotalMilliseconds;
        foreach (var ((fault, samples), figures) in result.Faults.Zip(FaultCostReport.Figures(result)))
        {
            var all = samples.Select(s => s.Discovering).Concat(samples.SelectMany(s => s.Aware)).ToList();
            var unanswered = all.Where(r => r.Backend != "ollama").ToList();
            if (unanswered.Count > 0)
            {
                yield return $"**`{fault}`:** {unanswered.Count} of {all.Count} requests not answered by Ollama "
                    + $"({string.Join(", ", unanswered.GroupBy(r => r.Backend ?? $"HTTP {r.Status}").Select(g => $"{g.Key} ×{g.Count()}"))}).";
            }
            var addedMax = figures.Discovering.Max - figures.Healthy.Max;
            if (FaultCostReport.IsTimeBound(fault) && figures.Discovering.Max > bound + 1000)
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"**`{fault}`:** the discovering request took up to {figures.Discovering.Max:0} ms against a {bound:0} ms bound: more than the bound plus 1 s.");
            }
            else if (!FaultCostReport.IsTimeBound(fault) && addedMax - (fault == SimFault.StreamCut ? FaultCostReport.StreamCutPauseMs : 0) > 50)
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"**`{fault}`, gateway not aware:** the slowest discovering request added {addedMax:0.0} ms (median {figures.Discovering.P50:0.0} ms "
                    + $"against {figures.Healthy.P50:0.0} ms healthy). With {samples.Count} samples that is one outlier; the median shows the usual cost, "
                    + $"which includes the gateway's first request to Ollama (a new connection).");
            }
            var awareAdded = figures.Aware.P99 - figures.Healthy.P50;
            if (awareAdded > 10)
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"**`{fault}`, vLLM listed down:** p99 {figures.Aware.P99:0.0} ms against {figures.Healthy.P50:0.0} ms healthy (+{awareAdded:0.0} ms; "
                    + $"median {figures.Aware.P50:0.0} ms): an outlier among {figures.Aware.Count} requests on a shared machine, as the median shows.");
            }
        }
    }

    private static IEnumerable<string> Retrieval(RetrievalFigures figures)
    {
        var largest = figures.Latency[^1];
        var end = largest.WithQueryEmbedding;
        if (end.P50 <= RetrievalSection.TargetP50Ms && end.P99 <= RetrievalSection.TargetP99Ms)
        {
            yield break;
        }
        yield return string.Create(CultureInfo.InvariantCulture,
            $"**Search at {largest.Chunks:N0} chunks:** end to end p50 {end.P50:0.0} ms / p99 {end.P99:0.0} ms against {RetrievalSection.TargetP50Ms:0} / "
            + $"{RetrievalSection.TargetP99Ms:0} ms. The index alone takes p50 {largest.IndexOnly.P50:0.0} ms (BM25 {largest.Keyword.P50:0.0} ms, dense "
            + $"{largest.Dense.P50:0.0} ms); embedding the query adds {end.P50 - largest.IndexOnly.P50:0.0} ms at p50. Whichever is larger "
            + $"dominates; on a shared 2-core machine both queue behind other processes (see the load average).");
    }

    private static IEnumerable<string> Load(LoadSuite.Result load)
    {
        foreach (var run in new[] { load.Ask, load.Invoke })
        {
            var failed = run.Records.Where(r => r.Failed).ToList();
            if (failed.Count == 0)
            {
                continue;
            }
            var duringDown = failed.Count(r => run.VllmDown.Any(d => r.Completed >= d.From - 1 && r.Started <= d.To + 1));
            yield return $"**Load run `{run.Endpoint}`:** {failed.Count} failed of {run.Records.Count} "
                + $"({string.Join(", ", failed.GroupBy(r => r.Status == 0 ? "no response" : $"HTTP {r.Status}").Select(g => $"{g.Key} ×{g.Count()}"))}); "
                + $"{duringDown} of them within a second of a vLLM down phase.";
        }
    }
}
