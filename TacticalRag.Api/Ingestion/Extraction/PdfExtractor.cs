using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// PDFs via PdfPig, page by page (pages are 1-based). PDFs carry no heading markup, so a short line set clearly
/// larger than the body text is taken as a heading; the title is the document property, else the largest line on the
/// first page.
/// </summary>
internal sealed class PdfExtractor : IDocumentExtractor
{
    public DocumentFileFormat Format => DocumentFileFormat.Pdf;

    public ExtractedDocument Extract(Stream content, string fileName, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        if (buffer.Length == 0)
        {
            throw new DocumentUnreadableException("The file is empty.");
        }
        try
        {
            using var pdf = PdfDocument.Open(buffer.ToArray(), new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            if (pdf.NumberOfPages > ExtractionLimits.MaxPdfPages)
            {
                throw new DocumentUnreadableException($"The PDF has {pdf.NumberOfPages:N0} pages; at most {ExtractionLimits.MaxPdfPages:N0} are accepted.");
            }
            return Read(ReadPages(pdf, cancellationToken), pdf.Information.Title, fileName);
        }
        catch (PdfDocumentEncryptedException exception)
        {
            throw new DocumentUnreadableException("The PDF is password-protected; upload an unprotected copy.", exception);
        }
        catch (Exception exception) when (ExtractionLimits.IsCorruptInput(exception))
        {
            throw new DocumentUnreadableException("The PDF is corrupt or not a valid PDF file.", exception);
        }
    }

    /// <summary>
    /// The lines of every page, read one page at a time: reading stops at the page where the text passes
    /// <see cref="ExtractionLimits.MaxTextCharacters"/>, or when the time budget is spent, not after the whole file.
    /// </summary>
    private static List<(int Number, IReadOnlyList<PdfLine> Lines)> ReadPages(PdfDocument pdf, CancellationToken cancellationToken)
    {
        var pages = new List<(int, IReadOnlyList<PdfLine>)>(pdf.NumberOfPages);
        long characters = 0;
        for (var number = 1; number <= pdf.NumberOfPages; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lines = PdfLineReader.ReadLines(pdf.GetPage(number));
            characters += lines.Sum(line => (long)line.Text.Length);
            if (characters > ExtractionLimits.MaxTextCharacters)
            {
                throw ExtractionLimits.TooMuchText();
            }
            pages.Add((number, lines));
        }
        return pages;
    }

    private static ExtractedDocument Read(List<(int Number, IReadOnlyList<PdfLine> Lines)> pages, string? propertyTitle, string fileName)
    {
        var bodySize = PdfLineReader.BodyFontSize(pages.SelectMany(page => page.Lines));
        var collector = new SectionCollector();
        string? largestOnFirstPage = pages.Count > 0
            ? pages[0].Lines.Where(line => line.IsLargerThan(bodySize)).MaxBy(line => line.FontSize)?.Text
            : null;

        foreach (var (number, lines) in pages)
        {
            collector.StartPage(number);
            var paragraph = new List<string>();
            PdfLine? previous = null;
            foreach (var line in lines)
            {
                if (line.IsHeading(bodySize))
                {
                    collector.AddParagraph(PdfLineReader.JoinLines(paragraph));
                    paragraph.Clear();
                    // A heading wrapped over two lines arrives as two heading lines close together.
                    if (previous is not null && previous.IsHeading(bodySize) && !previous.HasParagraphGapBefore(line))
                    {
                        collector.ExtendHeading(line.Text);
                    }
                    else
                    {
                        collector.StartSection(line.Text, number);
                    }
                }
                else
                {
                    if (previous is not null && previous.HasParagraphGapBefore(line) && paragraph.Count > 0)
                    {
                        collector.AddParagraph(PdfLineReader.JoinLines(paragraph));
                        paragraph.Clear();
                    }
                    paragraph.Add(line.Text);
                }
                previous = line;
            }
            collector.AddParagraph(PdfLineReader.JoinLines(paragraph));
        }
        return new ExtractedDocument(DocumentTitles.Choose(fileName, propertyTitle, largestOnFirstPage, collector.FirstHeading), collector.Finish());
    }
}
