using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// Word documents via the Open XML SDK: paragraphs styled Heading 1-3 (or with those outline levels) start sections,
/// the Title style or the document property gives the title, tables become one line per row. Decompressed sizes are
/// capped so that a zip bomb is refused instead of filling memory.
/// </summary>
internal sealed class DocxExtractor : IDocumentExtractor
{
    private const int MaxSectionHeadingLevel = 3;

    public DocumentFileFormat Format => DocumentFileFormat.Docx;

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
            EnsureReasonableSize(buffer);
            EnsureShallowXml(buffer, cancellationToken);
            buffer.Position = 0;
            using var word = WordprocessingDocument.Open(buffer, false, new OpenSettings { MaxCharactersInPart = ExtractionLimits.MaxDocxPartCharacters });
            var body = word.MainDocumentPart?.Document?.Body
                ?? throw new DocumentUnreadableException("The Word document has no body.");
            var styleDefinitions = word.MainDocumentPart.StyleDefinitionsPart?.Styles;
            return Read(body, new DocxHeadingStyles(styleDefinitions), new DocxHiddenText(styleDefinitions), word.PackageProperties.Title, fileName, cancellationToken);
        }
        catch (Exception exception) when (ExtractionLimits.IsCorruptInput(exception))
        {
            throw new DocumentUnreadableException("The Word document is corrupt or not a valid DOCX file.", exception);
        }
    }

    private static ExtractedDocument Read(
        Body body, DocxHeadingStyles styles, DocxHiddenText hidden, string? propertyTitle, string fileName, CancellationToken cancellationToken)
    {
        string ParagraphText(Paragraph paragraph) => DocxExtractor.ParagraphText(paragraph, hidden);

        var collector = new SectionCollector();
        string? styledTitle = null;
        var pending = new Stack<OpenXmlElement>(body.ChildElements.Reverse());
        while (pending.TryPop(out var element))
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (element)
            {
                case Paragraph paragraph:
                    var text = ParagraphText(paragraph);
                    var level = styles.LevelOf(paragraph);
                    if (level == DocxHeadingStyles.TitleLevel)
                    {
                        styledTitle ??= text;
                    }
                    else if (level is >= 1 and <= MaxSectionHeadingLevel && !string.IsNullOrWhiteSpace(text))
                    {
                        collector.StartSection(text);
                    }
                    else
                    {
                        collector.AddParagraph(text);
                    }
                    break;
                case Table table:
                    var rows = table.Elements<TableRow>().Select(row =>
                        string.Join(" | ", row.Elements<TableCell>().Select(cell =>
                            string.Join(' ', cell.Descendants<Paragraph>().Select(ParagraphText)))));
                    collector.AddParagraph(string.Join('\n', rows));
                    break;
                case SdtBlock or SdtContentBlock or CustomXmlBlock:
                    // Content controls and custom XML wrap ordinary paragraphs and tables.
                    foreach (var child in element.ChildElements.Reverse())
                    {
                        pending.Push(child);
                    }
                    break;
            }
        }
        return new ExtractedDocument(DocumentTitles.Choose(fileName, propertyTitle, styledTitle, collector.FirstHeading), collector.Finish());
    }

    private static string ParagraphText(Paragraph paragraph, DocxHiddenText hidden)
    {
        var text = new StringBuilder();
        foreach (var run in paragraph.Descendants<Run>())
        {
            if (hidden.IsHidden(run, paragraph))
            {
                continue;
            }
            foreach (var element in run.ChildElements)
            {
                switch (element)
                {
                    case Text part: text.Append(part.Text); break;
                    case TabChar: text.Append(' '); break;
                    case Break or CarriageReturn: text.Append('\n'); break;
                }
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// Refuses a part nested past <see cref="NestingDepth.MaxDepth"/> before the SDK, which recurses while loading a part,
    /// builds it: 20,000 nested tables would overflow the stack and end the process.
    /// </summary>
    private static void EnsureShallowXml(MemoryStream buffer, CancellationToken cancellationToken)
    {
        buffer.Position = 0;
        using var archive = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var entry in archive.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
            || e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)))
        {
            using var part = entry.Open();
            NestingDepth.CheckXml(part, entry.FullName, cancellationToken);
        }
    }

    /// <summary>
    /// Refuses archives whose headers promise more than any real document holds, before decompressing anything: any one
    /// part over <see cref="ExtractionLimits.MaxDocxPartBytes"/>, or all parts together (whatever their names) over
    /// <see cref="ExtractionLimits.MaxDocxTotalBytes"/>. A header that lies is caught while reading: the SDK stops a
    /// part past <see cref="ExtractionLimits.MaxDocxPartCharacters"/>.
    /// </summary>
    private static void EnsureReasonableSize(MemoryStream buffer)
    {
        using var archive = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true);
        if (archive.Entries.Count > ExtractionLimits.MaxZipEntries)
        {
            throw new DocumentUnreadableException($"The Word document has more than {ExtractionLimits.MaxZipEntries:N0} parts.");
        }
        long total = 0;
        foreach (var entry in archive.Entries)
        {
            if (entry.Length > ExtractionLimits.MaxDocxPartBytes)
            {
                throw new DocumentUnreadableException(
                    $"The Word document's part '{entry.FullName}' expands to {entry.Length:N0} bytes; at most {ExtractionLimits.MaxDocxPartBytes:N0} are accepted per part (a possible zip bomb).");
            }
            total += entry.Length;
        }
        if (total > ExtractionLimits.MaxDocxTotalBytes)
        {
            throw new DocumentUnreadableException(
                $"The Word document expands to {total:N0} bytes; at most {ExtractionLimits.MaxDocxTotalBytes:N0} are accepted (a possible zip bomb).");
        }
    }
}
