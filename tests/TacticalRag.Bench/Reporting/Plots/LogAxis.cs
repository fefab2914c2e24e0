using System.Globalization;
using ScottPlot;

namespace TacticalRag.Bench.Reporting.Plots;

/// <summary>
/// A base-10 logarithmic value axis: values are plotted as decades above a floor, with ticks at 1, 2 and 5 of each
/// decade labelled in the original unit, so latencies from 0.1 ms to 2 s stay readable on one chart. Plotted values
/// stay at or above zero, where the bar charts put their value labels on top.
/// </summary>
internal sealed class LogAxis
{
    private readonly double _floorExponent;

    /// <param name="values">The data; the axis starts at the decade at or below the smallest positive one.</param>
    public LogAxis(IEnumerable<double> values)
    {
        var smallest = values.Where(v => v > 0 && !double.IsNaN(v)).DefaultIfEmpty(1).Min();
        _floorExponent = Math.Floor(Math.Log10(smallest));
    }

    /// <summary>Where a value sits on the axis: decades above the floor (values below the floor sit on it).</summary>
    public double ToAxis(double value) => Math.Max(0, Math.Log10(value) - _floorExponent);

    /// <summary>Ticks from the floor up to <paramref name="largest"/> and the vertical limits with room for labels above.</summary>
    public void Apply(Plot plot, IAxis axis, double largest)
    {
        var top = ToAxis(largest);
        List<double> positions = [];
        List<string> labels = [];
        for (var exponent = _floorExponent; exponent - _floorExponent <= top + 1; exponent++)
        {
            foreach (var step in new[] { 1.0, 2.0, 5.0 })
            {
                var value = step * Math.Pow(10, exponent);
                if (ToAxis(value) > top + 0.35)
                {
                    break;
                }
                positions.Add(ToAxis(value));
                labels.Add(value.ToString("0.###", CultureInfo.InvariantCulture));
            }
        }
        axis.SetTicks([.. positions], [.. labels]);
        plot.Axes.SetLimitsY(0, top + 0.35);
    }
}
