using System.IO.Compression;
using System.Text;

namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// Recognises a file by its content (magic bytes, the parts of a ZIP, text markers), never by its name alone. The
/// extension only tells Markdown from plain text and catches mislabels: a file whose extension names one supported
/// format but that holds another (a ".pdf" that is text) is refused, since the uploader meant something else.
/// </summary>
internal static class DocumentFormatDetector
{
    private static readonly Dictionary<string, DocumentFileFormat> ClaimedByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = DocumentFileFormat.Pdf,
        [".docx"] = DocumentFileFormat.Docx,
        [".txt"] = DocumentFileFormat.Text,
        [".text"] = DocumentFileFormat.Text,
        [".md"] = DocumentFileFormat.Markdown,
        [".markdown"] = DocumentFileFormat.Markdown,
        [".html"] = DocumentFileFormat.Html,
        [".htm"] = DocumentFileFormat.Html,
    };

    /// <summary>The file name extensions of the supported formats, the one list ingestion and the sample loader use.</summary>
    public static IReadOnlyCollection<string> SupportedExtensions => ClaimedByExtension.Keys;

    /// <summary>The supported types as a user reads them in an error message.</summary>
    public const string SupportedTypesText = ".txt, .md, .pdf, .docx, .html";

    /// <summary>The format of a file, or why it cannot be ingested (415). Throws <see cref="DocumentUnreadableException"/> when empty.</summary>
    public static DetectionResult Detect(ReadOnlySpan<byte> content, string fileName)
    {
        if (content.IsEmpty)
        {
            throw new DocumentUnreadableException("The file is empty.");
        }
        var extension = Path.GetExtension(fileName);
        DocumentFileFormat? claimed = ClaimedByExtension.TryGetValue(extension, out var format) ? format : null;

        var sniffed = SniffBinary(content, claimed);
        if (sniffed is { Format: null })
        {
            return sniffed;
        }
        var detected = sniffed?.Format ?? SniffText(content, extension);
        if (detected is null)
        {
            return DetectionResult.Unsupported(claimed is DocumentFileFormat.Pdf or DocumentFileFormat.Docx
                ? $"The file is named '{extension}' but is not a {Describe(claimed.Value)}: its content is binary data of an unknown kind."
                : "The file holds binary data of an unsupported kind. Supported: PDF, DOCX, HTML, Markdown and plain text.");
        }
        return IsMislabelled(claimed, detected.Format)
            ? DetectionResult.Unsupported(
                $"The file is named '{extension}' but its content is {Describe(detected.Format)}. Rename it or upload the right file.")
            : DetectionResult.Supported(detected);
    }

    private static bool IsMislabelled(DocumentFileFormat? claimed, DocumentFileFormat actual) => claimed switch
    {
        null => false,
        DocumentFileFormat.Pdf or DocumentFileFormat.Docx => actual != claimed,
        // The text formats are one family: an .html file of plain text or a .txt holding a web page is still readable.
        _ => actual is DocumentFileFormat.Pdf or DocumentFileFormat.Docx,
    };

    /// <summary>PDF, DOCX, or a known unsupported binary (Result with a problem); null when the content may be text.</summary>
    private static DetectionResult? SniffBinary(ReadOnlySpan<byte> content, DocumentFileFormat? claimed)
    {
        // PDF readers accept the header anywhere in the first kilobyte, after stray bytes.
        if (content[..Math.Min(content.Length, 1024)].IndexOf("%PDF-"u8) >= 0)
        {
            return DetectionResult.Supported(DetectedFormat.Pdf);
        }
        if (content.StartsWith("PK\x03\x04"u8))
        {
            return SniffZip(content, claimed);
        }
        return KnownBinaryKind(content) is { } kind
            ? DetectionResult.Unsupported($"The file is {kind}, which is not supported. Supported: PDF, DOCX, HTML, Markdown and plain text.")
            : null;
    }

    private static DetectionResult SniffZip(ReadOnlySpan<byte> content, DocumentFileFormat? claimed)
    {
        HashSet<string> entries;
        try
        {
            // Reads the central directory only; nothing is decompressed here.
            using var archive = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            entries = archive.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
        catch (InvalidDataException)
        {
            // A damaged .docx is a corrupt document (400 from extraction), any other damaged ZIP is simply unsupported.
            return claimed == DocumentFileFormat.Docx
                ? DetectionResult.Supported(DetectedFormat.Docx)
                : DetectionResult.Unsupported("The file is a damaged ZIP archive, which is not supported.");
        }
        if (entries.Contains("word/document.xml"))
        {
            return DetectionResult.Supported(DetectedFormat.Docx);
        }
        var kind = entries.Any(name => name.StartsWith("xl/", StringComparison.OrdinalIgnoreCase)) ? "an Excel workbook"
            : entries.Any(name => name.StartsWith("ppt/", StringComparison.OrdinalIgnoreCase)) ? "a PowerPoint presentation"
            : "a ZIP archive";
        var named = claimed == DocumentFileFormat.Docx ? "The file is named '.docx' but is " : "The file is ";
        return DetectionResult.Unsupported($"{named}{kind}, not a Word document (it has no word/document.xml).");
    }

    private static DetectedFormat? SniffText(ReadOnlySpan<byte> content, string extension)
    {
        var text = TextDecoding.TryDecode(content);
        if (text is null)
        {
            return null;
        }
        if (HtmlMarkers.LooksLikeHtml(text) || extension.Equals(".html", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".htm", StringComparison.OrdinalIgnoreCase))
        {
            return DetectedFormat.Html;
        }
        return extension.Equals(".md", StringComparison.OrdinalIgnoreCase) || extension.Equals(".markdown", StringComparison.OrdinalIgnoreCase)
            ? DetectedFormat.Markdown
            : DetectedFormat.Text;
    }

    private static string? KnownBinaryKind(ReadOnlySpan<byte> content) => content switch
    {
        _ when content.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']) => "a PNG image",
        _ when content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) => "a JPEG image",
        _ when content.StartsWith("GIF8"u8) => "a GIF image",
        _ when content.StartsWith("MZ"u8) => "a Windows executable",
        _ when content.StartsWith((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F']) => "an ELF executable",
        _ when content.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]) => "a legacy Office file (.doc/.xls)",
        _ when content.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]) => "a gzip archive",
        _ when content.StartsWith("{\\rtf"u8) => "an RTF document",
        _ when content.StartsWith("%!PS"u8) => "a PostScript file",
        _ => null,
    };

    private static string Describe(DocumentFileFormat format) => format switch
    {
        DocumentFileFormat.Pdf => "a PDF",
        DocumentFileFormat.Docx => "a Word document (DOCX)",
        DocumentFileFormat.Html => "HTML",
        DocumentFileFormat.Markdown => "Markdown",
        _ => "plain text",
    };
}
