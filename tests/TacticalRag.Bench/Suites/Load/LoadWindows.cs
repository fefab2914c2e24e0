using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting.Plots;

namespace TacticalRag.Bench.Suites.Load;

/// <summary>A slice of a load run: the requests that completed in it, who answered them, and how long they took.</summary>
public sealed record LoadSlice(double From, double To, int Requests, int Failed, int Vllm, int Ollama, int None, int Cached, LatencySummary Latency)
{
    public double Share(int count) => Requests == 0 ? double.NaN : (double)count / Requests;
}

/// <summary>Cuts a load run into windows by completion time: what a user would have seen in each stretch.</summary>
public static class LoadWindows
{
    /// <summary>Windows of <paramref name="width"/> seconds; requests finishing after the last one's end count in it.</summary>
    public static IReadOnlyList<LoadSlice> Slice(LoadRunResult run, double width)
    {
        var count = Math.Max(1, (int)Math.Ceiling(run.Duration.TotalSeconds / width - 1e-9));
        return Enumerable.Range(0, count)
            .Select(i => Summarize(run.Records.Where(r => Math.Min((int)(r.Completed / width), count - 1) == i), i * width, (i + 1) * width))
            .ToList();
    }

    public static LoadSlice Whole(LoadRunResult run) =>
        Summarize(run.Records, 0, run.Records.Count == 0 ? run.Duration.TotalSeconds : run.Records.Max(r => r.Completed));

    public static IReadOnlyList<LoadSecond> PerSecond(LoadRunResult run) => Slice(run, 1)
        .Select(s => new LoadSecond(s.From + 0.5, s.Vllm, s.Ollama, s.None, s.Cached, s.Failed, s.Latency.P50, s.Latency.P99))
        .ToList();

    /// <summary>The fraction of a window during which the vLLM simulator was refusing connections.</summary>
    public static double DownFraction(LoadRunResult run, double from, double to) =>
        run.VllmDown.Sum(d => Math.Max(0, Math.Min(d.To, to) - Math.Max(d.From, from))) / (to - from);

    private static LoadSlice Summarize(IEnumerable<LoadRecord> records, double from, double to)
    {
        var list = records.ToList();
        var answered = list.Where(r => !r.Failed).ToList();
        var latency = LatencySummary.From(answered.Select(r => r.Ms), list.Count(r => r.Failed), TimeSpan.FromSeconds(to - from));
        return new LoadSlice(from, to, list.Count, list.Count(r => r.Failed),
            Vllm: answered.Count(r => !r.Cached && r.Backend == "vllm"),
            Ollama: answered.Count(r => !r.Cached && r.Backend == "ollama"),
            None: answered.Count(r => !r.Cached && r.Backend == "none"),
            Cached: answered.Count(r => r.Cached),
            latency);
    }
}
