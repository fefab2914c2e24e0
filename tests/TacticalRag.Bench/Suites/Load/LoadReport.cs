using System.Globalization;
using System.Text;
using TacticalRag.Bench.Reporting;
using static TacticalRag.Bench.Reporting.MarkdownTable;

namespace TacticalRag.Bench.Suites.Load;

/// <summary>The load runs as markdown: a summary per endpoint, then each run window by window.</summary>
public static class LoadReport
{
    public const double WindowSeconds = 10;

    public static string Write(LoadRunResult ask, LoadRunResult invoke, LoadSetup setup, TargetLedger targets)
    {
        var text = new StringBuilder();
        text.AppendLine("## 4. Load run: vLLM flapping, Ollama up");
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"The API on Kestrel (loopback, product defaults: health probes every 5 s, rate limit off, folder store) with "
            + $"{string.Join(", ", LoadLibrary.Files.Select(f => $"`{f}`"))} uploaded and indexed first ({setup.Chunks} chunks, {setup.IndexingSeconds:0.0} s). "
            + $"{ask.Askers} concurrent askers, each looping `POST /api/ask` for {ask.Duration.TotalSeconds:0} s with the next of {setup.Questions:N0} "
            + $"phrasings of the library's evaluation questions (askers start spread over the pool; the answer cache serves a repeated phrasing), "
            + $"after {setup.Warmup.TotalSeconds:0} s of unrecorded warm-up on other phrasings. The vLLM simulator flaps: its listener open for "
            + $"{setup.FlapInterval.TotalSeconds:0} s, closed (connections refused, open ones closed) for {setup.FlapInterval.TotalSeconds:0} s, and so on, "
            + $"starting open when the measured run starts; the Ollama simulator stays up. Both answer with no generation delay, so latency is the "
            + $"system's own work (question embedding on the CPU, hybrid retrieval, the gateway, conversation and cache writes) queued "
            + $"on {Environment.ProcessorCount} cores that the askers and both simulators share. Failed = any answer other than 200 (or none). "
            + $"Then a shorter run of {invoke.Askers} callers on `POST /api/llm/invoke` ({invoke.Duration.TotalSeconds:0} s, varied 16-token prompts)."));
        text.AppendLine();

        var summary = new MarkdownTable("Endpoint", "Callers", "Seconds", "Requests", "Failed", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms",
            "vllm", "ollama", "none", "answer cache", "CPU ms/req", "Load avg before → after");
        foreach (var run in new[] { ask, invoke })
        {
            var whole = LoadWindows.Whole(run);
            summary.Add($"`{run.Endpoint}`", Count(run.Askers), run.Duration.TotalSeconds.ToString("0", CultureInfo.InvariantCulture),
                Count(whole.Requests), Count(whole.Failed), Rate(whole.Requests / whole.To),
                Ms0(whole.Latency.P50), Ms0(whole.Latency.P90), Ms0(whole.Latency.P99), Ms0(whole.Latency.Max),
                Percent(whole.Share(whole.Vllm)), Percent(whole.Share(whole.Ollama)), Percent(whole.Share(whole.None)), Percent(whole.Share(whole.Cached)),
                (run.Used.Cpu.TotalMilliseconds / Math.Max(1, whole.Requests)).ToString("0.00", CultureInfo.InvariantCulture),
                $"{run.LoadAverageBefore} → {run.LoadAverageAfter}");
            targets.Add($"Load run `{run.Endpoint}`, {run.Askers} callers, vLLM flapping, Ollama up: zero failed requests",
                $"{Count(whole.Failed)} of {Count(whole.Requests)}{Failures(run)}", whole.Failed == 0 ? "met" : $"missed by {Count(whole.Failed)} request(s)");
        }
        text.Append(summary);
        text.AppendLine();
        text.AppendLine("Shares are of all requests: vllm / ollama / none (retrieval-only) count fresh answers, answer cache the ones served from it. "
            + "req/s counts every completed request. In the windows where vLLM is back, Ollama still answers until the gateway's next health "
            + "probe (every 5 s) lists vLLM up again; once it does, requests go back to vLLM.");
        text.AppendLine();
        text.AppendLine(Windows(ask));
        text.AppendLine(Windows(invoke));
        text.AppendLine(Dominates(ask));
        return text.ToString();
    }

    private static string Windows(LoadRunResult run)
    {
        var table = new MarkdownTable("Window s", "vLLM refusing", "Requests", "Failed", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "vllm", "ollama", "none", "cache");
        foreach (var slice in LoadWindows.Slice(run, WindowSeconds))
        {
            table.Add($"{slice.From:0}–{slice.To:0}", Percent(LoadWindows.DownFraction(run, slice.From, slice.To)) + " of it",
                Count(slice.Requests), Count(slice.Failed), Rate(slice.Requests / (slice.To - slice.From)),
                Ms0(slice.Latency.P50), Ms0(slice.Latency.P90), Ms0(slice.Latency.P99), Ms0(slice.Latency.Max),
                Percent(slice.Share(slice.Vllm)), Percent(slice.Share(slice.Ollama)), Percent(slice.Share(slice.None)), Percent(slice.Share(slice.Cached)));
        }
        return $"`{run.Endpoint}` per {WindowSeconds:0} s window (by completion time; requests still running at the end count in the last):\n\n{table}";
    }

    /// <summary>What the latency is made of: on a CPU-bound closed loop it is callers × CPU per request ÷ cores.</summary>
    private static string Dominates(LoadRunResult ask)
    {
        var whole = LoadWindows.Whole(ask);
        var cpuPerRequest = ask.Used.Cpu.TotalMilliseconds / Math.Max(1, whole.Requests);
        var cores = Environment.ProcessorCount;
        var busy = ask.Used.Cpu.TotalSeconds / (ask.Duration.TotalSeconds * cores);
        var windows = LoadWindows.Slice(ask, WindowSeconds);
        var down = windows.Where(w => LoadWindows.DownFraction(ask, w.From, w.To) >= 0.5).ToList();
        var up = windows.Except(down).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"**What the latency is made of.** The process used {busy:P0} of {cores} cores during the ask run, "
            + $"{cpuPerRequest:0.0} ms of CPU per question. With {ask.Askers} askers in a closed loop a question waits for "
            + $"the others' CPU: {ask.Askers} × {cpuPerRequest:0.0} ms ÷ {cores} ≈ {ask.Askers * cpuPerRequest / cores:0} ms, against a measured mean "
            + $"of {whole.Latency.Mean:0} ms (a gap means other processes took cores; see the load average). "
            + $"Windows with vLLM mostly up: median p50 {Median(up.Select(w => w.Latency.P50))} ms, median p99 {Median(up.Select(w => w.Latency.P99))} ms; "
            + $"mostly refusing: {Median(down.Select(w => w.Latency.P50))} ms and {Median(down.Select(w => w.Latency.P99))} ms.");
    }

    private static string Failures(LoadRunResult run)
    {
        var failed = run.Records.Where(r => r.Failed).GroupBy(r => r.Status == 0 ? "no response" : $"HTTP {r.Status}").ToList();
        return failed.Count == 0 ? "" : " (" + string.Join(", ", failed.Select(g => $"{g.Key} ×{g.Count()}")) + ")";
    }

    private static string Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted.Length == 0 ? "–" : Ms0(sorted[(sorted.Length - 1) / 2]);
    }

    private static string Ms0(double value) => double.IsNaN(value) ? "–" : value.ToString("0", CultureInfo.InvariantCulture);

    private static string Percent(double value) => double.IsNaN(value) ? "–" : value.ToString("0%", CultureInfo.InvariantCulture);
}

/// <summary>What was set up before the load runs, for the report's description.</summary>
public sealed record LoadSetup(int Chunks, double IndexingSeconds, int Questions, TimeSpan Warmup, TimeSpan FlapInterval);
