using ScottPlot;

namespace TacticalRag.Bench.Reporting.Plots;

/// <summary>One second of a load run: who answered the requests that finished in it, and their latency.</summary>
public sealed record LoadSecond(double Second, int Vllm, int Ollama, int None, int Cached, int Failed, double P50Ms, double P99Ms);

/// <summary>A span of the run, in seconds from its start, during which the vLLM simulator refused connections.</summary>
public sealed record DownSpan(double From, double To);

/// <summary>The load run over time: latency percentiles per second, and the answers per second stacked by backend.</summary>
public static class LoadTimelineCharts
{
    public static void SaveLatency(string title, IReadOnlyList<LoadSecond> seconds, IReadOnlyList<DownSpan> vllmDown, string path)
    {
        var plot = PlotStyle.Create(title, "latency, ms (log scale)");
        var measured = seconds.Where(s => !double.IsNaN(s.P50Ms)).ToArray();
        // Half a decade below the fastest second's p50, so that line never sits on the floor.
        var log = new LogAxis(measured.Select(s => s.P50Ms / 3));
        var largest = measured.Select(s => s.P99Ms).DefaultIfEmpty(1).Max();
        ShadeDown(plot, vllmDown, 0, log.ToAxis(largest) + 0.35);
        var p50 = plot.Add.ScatterLine(measured.Select(s => s.Second).ToArray(), measured.Select(s => log.ToAxis(s.P50Ms)).ToArray(), PlotStyle.Palette[0]);
        p50.LegendText = "p50";
        p50.LineWidth = 2;
        var p99 = plot.Add.ScatterLine(measured.Select(s => s.Second).ToArray(), measured.Select(s => log.ToAxis(s.P99Ms)).ToArray(), PlotStyle.Palette[3]);
        p99.LegendText = "p99";
        p99.LineWidth = 2;
        log.Apply(plot, plot.Axes.Left, largest);
        Finish(plot, seconds);
        PlotStyle.Save(plot, path);
    }

    public static void SaveBackends(string title, IReadOnlyList<LoadSecond> seconds, IReadOnlyList<DownSpan> vllmDown, string path)
    {
        var plot = PlotStyle.Create(title, "answers per second");
        var top = seconds.Select(s => (double)(s.Vllm + s.Ollama + s.None + s.Cached + s.Failed)).DefaultIfEmpty(1).Max() * 1.15;
        ShadeDown(plot, vllmDown, 0, top);
        (string Name, Func<LoadSecond, int> Count, Color Color)[] layers =
        [
            ("vllm", s => s.Vllm, PlotStyle.Palette[0]),
            ("ollama", s => s.Ollama, PlotStyle.Palette[1]),
            ("none (retrieval only)", s => s.None, PlotStyle.Palette[4]),
            ("answer cache", s => s.Cached, PlotStyle.Palette[2]),
            ("failed", s => s.Failed, PlotStyle.Palette[3]),
        ];
        var below = new double[seconds.Count];
        foreach (var (name, count, color) in layers)
        {
            var bars = seconds.Select((s, i) => new Bar
            {
                Position = s.Second,
                ValueBase = below[i],
                Value = below[i] + count(s),
                Size = 0.9,
                FillColor = color,
                LineWidth = 0,
            }).ToList();
            for (var i = 0; i < below.Length; i++)
            {
                below[i] += count(seconds[i]);
            }
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = name;
        }
        plot.Axes.SetLimitsY(0, top);
        Finish(plot, seconds);
        PlotStyle.Save(plot, path);
    }

    private static void ShadeDown(Plot plot, IReadOnlyList<DownSpan> vllmDown, double bottom, double top)
    {
        foreach (var (span, index) in vllmDown.Select((s, i) => (s, i)))
        {
            var shade = plot.Add.Rectangle(span.From, span.To, bottom, top);
            shade.FillColor = Colors.Gray.WithOpacity(0.15);
            shade.LineWidth = 0;
            shade.LegendText = index == 0 ? "vLLM refusing" : "";
        }
    }

    private static void Finish(Plot plot, IReadOnlyList<LoadSecond> seconds)
    {
        plot.XLabel("seconds into the run", size: 13);
        plot.Axes.SetLimitsX(0, seconds.Count == 0 ? 1 : seconds[^1].Second + 1);
        plot.ShowLegend(Edge.Right);
    }
}
