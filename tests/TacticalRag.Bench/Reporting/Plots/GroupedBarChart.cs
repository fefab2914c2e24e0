using System.Globalization;
using ScottPlot;

namespace TacticalRag.Bench.Reporting.Plots;

/// <summary>One coloured series of a grouped bar chart: a value per group (NaN: no bar).</summary>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values);

/// <summary>Bars side by side per group, a legend for the series, each bar labelled with its value.</summary>
public sealed record GroupedBars(string Title, string YLabel, IReadOnlyList<string> Groups, IReadOnlyList<BarSeries> Series)
{
    /// <summary>Plot values on a log scale: for latencies spanning decades.</summary>
    public bool LogScale { get; init; }

    public string ValueFormat { get; init; } = "0.00";

    /// <summary>Image width in pixels: more groups need more room for their labels.</summary>
    public int Width { get; init; } = PlotStyle.Width;

    /// <summary>Upper end of a linear axis (e.g. 1 for scores); null: fit the data.</summary>
    public double? LinearMax { get; init; }
}

public static class GroupedBarChart
{
    private const double GroupWidth = 0.8;

    public static void Save(GroupedBars chart, string path)
    {
        var plot = PlotStyle.Create(chart.Title, chart.YLabel);
        var values = chart.Series.SelectMany(s => s.Values).Where(v => !double.IsNaN(v)).ToArray();
        var log = chart.LogScale ? new LogAxis(values) : null;
        var barWidth = GroupWidth / chart.Series.Count;
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var color = PlotStyle.Palette[s % PlotStyle.Palette.Length];
            var offset = (s - (chart.Series.Count - 1) / 2.0) * barWidth;
            var bars = series.Values
                .Select((value, group) => (value, group))
                .Where(b => !double.IsNaN(b.value))
                .Select(b => new Bar
                {
                    Position = b.group + offset,
                    Value = log?.ToAxis(b.value) ?? b.value,
                    ValueBase = 0,
                    Size = barWidth * 0.92,
                    FillColor = color,
                    LineWidth = 0,
                    Label = b.value.ToString(chart.ValueFormat, CultureInfo.InvariantCulture),
                })
                .ToList();
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = series.Name;
            plottable.ValueLabelStyle.FontSize = chart.Groups.Count * chart.Series.Count > 16 ? 9 : 11;
        }
        plot.Axes.Bottom.SetTicks([.. chart.Groups.Select((_, i) => (double)i)], [.. chart.Groups]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.HideGrid();
        plot.Axes.Left.Label.Text = chart.YLabel;
        if (log is not null)
        {
            log.Apply(plot, plot.Axes.Left, values.DefaultIfEmpty(1).Max());
        }
        else
        {
            plot.Axes.SetLimitsY(0, (chart.LinearMax ?? values.DefaultIfEmpty(1).Max()) * 1.12);
        }
        plot.Axes.SetLimitsX(-0.6, chart.Groups.Count - 0.4);
        plot.ShowLegend(Edge.Right);
        PlotStyle.Save(plot, path, chart.Width);
    }
}
