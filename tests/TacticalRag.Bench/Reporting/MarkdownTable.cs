using System.Globalization;
using System.Text;

namespace TacticalRag.Bench.Reporting;

/// <summary>A GitHub-flavoured markdown table; cells are written as given, numbers through <see cref="Ms"/> and friends.</summary>
public sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public MarkdownTable Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"Expected {headers.Length} cells, got {cells.Length}.", nameof(cells));
        }
        _rows.Add(cells);
        return this;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", headers) + " |");
        text.AppendLine("|" + string.Concat(headers.Select(_ => "---|")));
        foreach (var row in _rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }
        return text.ToString();
    }

    /// <summary>Milliseconds with two decimals (sub-millisecond differences matter for the gateway's overhead).</summary>
    public static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Signed(double value) => double.IsNaN(value) ? "–" : value.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => double.IsNaN(value) ? "–" : value.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public static string Rate(double value) => double.IsNaN(value) ? "–" : value.ToString("0", CultureInfo.InvariantCulture);

    public static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"met" or "missed by N ms" against an upper bound.</summary>
    public static string Verdict(double measured, double limit) => double.IsNaN(measured)
        ? "not measured"
        : measured <= limit ? "met" : $"missed by {Ms(measured - limit)} ms";
}
