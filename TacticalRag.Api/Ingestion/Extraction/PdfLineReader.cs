using UglyToad.PdfPig.Content;

namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>Rebuilds lines from PdfPig's positioned words, since PDFs store text as placed glyphs, not lines.</summary>
internal static class PdfLineReader
{
    public static IReadOnlyList<PdfLine> ReadLines(Page page)
    {
        var words = page.GetWords()
            .Where(word => !string.IsNullOrWhiteSpace(word.Text) && word.Letters.Count > 0)
            .Select(word => (word.Text, Left: word.BoundingBox.Left, Baseline: word.Letters[0].StartBaseLine.Y,
                Size: word.Letters.Max(letter => letter.PointSize)))
            .OrderByDescending(word => word.Baseline)
            .ThenBy(word => word.Left)
            .ToList();

        var lines = new List<PdfLine>();
        var current = new List<(string Text, double Left, double Baseline, double Size)>();
        foreach (var word in words)
        {
            // Words belong to one line when their baselines agree within a fraction of the font size.
            if (current.Count > 0 && Math.Abs(current[0].Baseline - word.Baseline) > Math.Max(current[0].Size, 1) * 0.3)
            {
                lines.Add(ToLine(current));
                current.Clear();
            }
            current.Add(word);
        }
        if (current.Count > 0)
        {
            lines.Add(ToLine(current));
        }
        return lines;
    }

    /// <summary>The size most of the text is set in, weighted by characters.</summary>
    public static double BodyFontSize(IEnumerable<PdfLine> lines) =>
        lines.GroupBy(line => Math.Round(line.FontSize, 1))
            .Select(group => (Size: group.Key, Characters: group.Sum(line => line.Text.Length)))
            .OrderByDescending(group => group.Characters)
            .Select(group => group.Size)
            .FirstOrDefault(defaultValue: 10);

    /// <summary>Lines of one paragraph joined with spaces; a word hyphenated across lines is made whole again.</summary>
    public static string JoinLines(IReadOnlyList<string> lines)
    {
        var joined = new System.Text.StringBuilder();
        foreach (var line in lines)
        {
            if (joined.Length > 1 && joined[^1] == '-' && char.IsLetter(joined[^2]) && line.Length > 0 && char.IsLower(line[0]))
            {
                joined.Length--;
            }
            else if (joined.Length > 0)
            {
                joined.Append(' ');
            }
            joined.Append(line);
        }
        return joined.ToString();
    }

    private static PdfLine ToLine(List<(string Text, double Left, double Baseline, double Size)> words) =>
        new(string.Join(' ', words.OrderBy(word => word.Left).Select(word => word.Text)),
            words.Max(word => word.Size), words[0].Baseline);
}
