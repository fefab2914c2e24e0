using System.Globalization;
using TacticalRag.Api.Retrieval;
using TacticalRag.Bench.Reporting.Plots;
using TacticalRag.Bench.Suites;
using TacticalRag.Bench.Suites.FaultCost;
using TacticalRag.Bench.Suites.Load;
using TacticalRag.Bench.Suites.Yarp;

namespace TacticalRag.Bench.Report;

/// <summary>The report's PNG charts, each drawn from the figures its section reports; returns file names under the folder.</summary>
internal static class ReportCharts
{
    public const string HopLatency = "gateway-vs-yarp-latency.png";
    public const string FailoverCost = "failover-cost-per-fault.png";
    public const string RetrievalQuality = "retrieval-quality.png";
    public const string RetrievalLatency = "retrieval-latency.png";
    public const string LoadLatency = "load-latency-over-time.png";
    public const string LoadBackends = "load-backends-over-time.png";

    private static readonly HopPath[] ChartedHops = [HopPath.Direct, HopPath.DirectStreaming, HopPath.Yarp, HopPath.YarpStreaming, HopPath.Gateway, HopPath.GatewayStream];

    public static void Hops(HopResult result, string folder)
    {
        var groups = HopComparison.Concurrencies.SelectMany(c => new[] { $"concurrency {c}, p50", $"concurrency {c}, p99" }).ToList();
        var series = ChartedHops.Select(path => new BarSeries(HopReport.ShortLabel(path),
            HopComparison.Concurrencies.SelectMany(c => new[] { result[path, c].P50, result[path, c].P99 }).ToList())).ToList();
        GroupedBarChart.Save(new GroupedBars("The same chat request: direct, through YARP, through the gateway", "latency, ms (log scale)", groups, series)
        {
            LogScale = true,
        }, Path.Combine(folder, HopLatency));
    }

    public static void Failover(FaultCostResult result, string folder)
    {
        var figures = FaultCostReport.Figures(result);
        GroupedBarChart.Save(new GroupedBars(
            $"Failover to Ollama per vLLM fault (first-token bound {result.Settings.FirstTokenTimeout.TotalMilliseconds:0} ms), medians",
            "latency, ms (log scale)",
            figures.Select(f => f.Fault.ToString()).ToList(),
            [
                new BarSeries("vLLM healthy", figures.Select(f => f.Healthy.P50).ToList()),
                new BarSeries("fault, gateway not aware", figures.Select(f => f.Discovering.P50).ToList()),
                new BarSeries("fault, vLLM listed down", figures.Select(f => f.Aware.P50).ToList()),
            ])
        {
            LogScale = true,
            ValueFormat = "0.0",
            Width = 1400,
        }, Path.Combine(folder, FailoverCost));
    }

    public static void Retrieval(RetrievalFigures figures, string folder)
    {
        var modes = figures.Quality.Scores;
        GroupedBarChart.Save(new GroupedBars($"Retrieval quality on the sample library ({figures.Questions} questions)", "score", ["hit@5", "MRR@10"],
            modes.Select(s => new BarSeries(RetrievalSection.ModeName(s.Mode), [s.HitAt5, s.MrrAt10])).ToList())
        {
            LinearMax = 1,
            ValueFormat = "0.000",
        }, Path.Combine(folder, RetrievalQuality));

        GroupedBarChart.Save(new GroupedBars("Search latency by mode and index size, p50", "latency, ms (log scale)",
            figures.Latency.Select(s => s.Chunks.ToString("N0", CultureInfo.InvariantCulture) + " chunks").ToList(),
            [
                new BarSeries(RetrievalSection.ModeName(RetrievalMode.Keyword), figures.Latency.Select(s => s.Keyword.P50).ToList()),
                new BarSeries(RetrievalSection.ModeName(RetrievalMode.Dense), figures.Latency.Select(s => s.Dense.P50).ToList()),
                new BarSeries(RetrievalSection.ModeName(RetrievalMode.Hybrid), figures.Latency.Select(s => s.IndexOnly.P50).ToList()),
                new BarSeries("Hybrid + query embedding", figures.Latency.Select(s => s.WithQueryEmbedding.P50).ToList()),
            ])
        {
            LogScale = true,
        }, Path.Combine(folder, RetrievalLatency));
    }

    public static void Load(LoadRunResult ask, string folder)
    {
        var seconds = LoadWindows.PerSecond(ask);
        var title = $"{ask.Askers} askers on POST /api/ask, vLLM flapping every {LoadSuite.FlapInterval.TotalSeconds:0} s";
        LoadTimelineCharts.SaveLatency(title + ": latency per second", seconds, ask.VllmDown, Path.Combine(folder, LoadLatency));
        LoadTimelineCharts.SaveBackends(title + ": who answered", seconds, ask.VllmDown, Path.Combine(folder, LoadBackends));
    }
}
