using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace TacticalRag.SampleGenerator;

/// <summary>Lays a sample out on A4 pages with standard fonts: a large title, bold headings, wrapped body text.</summary>
public static class PdfSampleWriter
{
    private const double Margin = 64;
    private const double BodySize = 10.5;
    private const double BodyLeading = 14;
    private const double ParagraphGap = 9;

    public static byte[] Write(SampleSource source)
    {
        var builder = new PdfDocumentBuilder { IncludeDocumentInformation = true };
        builder.DocumentInformation.Title = source.Title;
        builder.DocumentInformation.Author = "1st Signal Recon Company";
        builder.DocumentInformation.Producer = "TacticalRag.SampleGenerator";
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);

        var page = builder.AddPage(PageSize.A4);
        var width = page.PageSize.Width - 2 * Margin;
        var y = page.PageSize.Height - Margin;

        void Write(string text, double size, double leading, PdfDocumentBuilder.AddedFont font, double gapAfter)
        {
            foreach (var line in Wrap(page, text, size, font, width))
            {
                if (y - leading < Margin)
                {
                    page = builder.AddPage(PageSize.A4);
                    y = page.PageSize.Height - Margin;
                }
                y -= leading;
                page.AddText(line, size, new PdfPoint(Margin, y), font);
            }
            y -= gapAfter;
        }

        foreach (var block in source.Blocks)
        {
            switch (block.Kind)
            {
                case BlockKind.PageBreak:
                    page = builder.AddPage(PageSize.A4);
                    y = page.PageSize.Height - Margin;
                    break;
                case BlockKind.Heading1:
                    Write(block.Text, 20, 26, bold, 14);
                    break;
                case BlockKind.Heading2:
                    // Keep a heading with at least three lines of its text.
                    if (y - 18 - 3 * BodyLeading < Margin)
                    {
                        page = builder.AddPage(PageSize.A4);
                        y = page.PageSize.Height - Margin;
                    }
                    y -= 6;
                    Write(block.Text, 14, 18, bold, 6);
                    break;
                case BlockKind.TableRow:
                    Write(block.Text, BodySize, BodyLeading, regular, 2);
                    break;
                default:
                    Write(block.Text, BodySize, BodyLeading, regular, ParagraphGap);
                    break;
            }
        }
        return builder.Build();
    }

    private static IEnumerable<string> Wrap(PdfPageBuilder page, string text, double size, PdfDocumentBuilder.AddedFont font, double width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && Measure(page, candidate, size, font) > width)
            {
                yield return line;
                candidate = word;
            }
            line = candidate;
        }
        if (line.Length > 0)
        {
            yield return line;
        }
    }

    private static double Measure(PdfPageBuilder page, string text, double size, PdfDocumentBuilder.AddedFont font)
    {
        var letters = page.MeasureText(text, size, new PdfPoint(0, 0), font);
        return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
    }
}
