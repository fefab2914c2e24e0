using ScottPlot;

namespace TacticalRag.Bench.Reporting.Plots;

/// <summary>One look for every chart: a sans font, light grid, and colours that stay apart in print.</summary>
internal static class PlotStyle
{
    public const int Width = 1000;
    public const int Height = 480;

    /// <summary>Tableau's ten colours: distinct for the five or so series a chart holds.</summary>
    public static readonly Color[] Palette =
    [
        Color.FromHex("#4E79A7"), Color.FromHex("#F28E2B"), Color.FromHex("#59A14F"), Color.FromHex("#E15759"),
        Color.FromHex("#76B7B2"), Color.FromHex("#EDC948"), Color.FromHex("#B07AA1"), Color.FromHex("#9C755F"),
    ];

    public static Plot Create(string title, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title, size: 16);
        plot.YLabel(yLabel, size: 13);
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.1);
        return plot;
    }

    /// <summary>Writes the PNG, making the folder if needed.</summary>
    public static void Save(Plot plot, string path, int width = Width, int height = Height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, width, height);
    }
}
