namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>A line of text on a PDF page, top to bottom, with its largest font size and baseline.</summary>
internal sealed record PdfLine(string Text, double FontSize, double Baseline)
{
    private const double HeadingSizeRatio = 1.15;
    private const int MaxHeadingLength = 150;

    // Line spacing is usually 1.2-1.4 times the font size; a wider gap is white space between paragraphs.
    private const double ParagraphGapRatio = 1.6;

    public bool IsLargerThan(double bodySize) => FontSize >= bodySize * HeadingSizeRatio;

    public bool IsHeading(double bodySize) => IsLargerThan(bodySize) && Text.Length <= MaxHeadingLength && Text.Any(char.IsLetter);

    public bool HasParagraphGapBefore(PdfLine next)
    {
        var gap = Baseline - next.Baseline;
        // A negative gap is a jump up the page: a new column or a text box.
        return gap < 0 || gap > Math.Max(FontSize, next.FontSize) * ParagraphGapRatio;
    }
}
