using System.IO.Compression;
using System.Text;
using TacticalRag.Api.Ingestion.Extraction;

namespace TacticalRag.UnitTests.Ingestion;

public sealed class DocumentFormatDetectorTests
{
    public static TheoryData<string, DocumentFileFormat> Samples => new()
    {
        { "an-prc-990-operator-manual.pdf", DocumentFileFormat.Pdf },
        { "tg-45-generator-manual.docx", DocumentFileFormat.Docx },
        { "antenna-field-guide.html", DocumentFileFormat.Html },
        { "radio-procedures-sop.md", DocumentFileFormat.Markdown },
        { "convoy-sop.txt", DocumentFileFormat.Text },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void EachSampleFormatIsRecognisedByItsContent(string fileName, DocumentFileFormat expected)
    {
        var detection = DocumentFormatDetector.Detect(SampleLibrary.Read(fileName), fileName);

        Assert.True(detection.IsSupported, detection.Problem);
        Assert.Equal(expected, detection.Format!.Format);
    }

    [Theory]
    [InlineData("an-prc-990-operator-manual.pdf", DocumentFileFormat.Pdf, "application/pdf")]
    [InlineData("tg-45-generator-manual.docx", DocumentFileFormat.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("casualty-evacuation-procedures.html", DocumentFileFormat.Html, "text/html")]
    [InlineData("company-standing-orders.txt", DocumentFileFormat.Text, "text/plain")]
    public void ContentDecidesWhenTheFileNameHasNoExtension(string sample, DocumentFileFormat expected, string contentType)
    {
        var detection = DocumentFormatDetector.Detect(SampleLibrary.Read(sample), "upload");

        Assert.Equal(new DetectedFormat(expected, contentType), detection.Format);
    }

    [Fact]
    public void TheMarkdownExtensionTellsMarkdownFromPlainText()
    {
        var content = Encoding.UTF8.GetBytes("# Notes\n\nSome *text*.");

        Assert.Equal(DocumentFileFormat.Markdown, DocumentFormatDetector.Detect(content, "notes.md").Format!.Format);
        Assert.Equal(DocumentFileFormat.Text, DocumentFormatDetector.Detect(content, "notes.txt").Format!.Format);
    }

    [Fact]
    public void AWebPageSavedAsTextIsReadAsHtml()
    {
        var content = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><p>Hello</p></body></html>");

        Assert.Equal(DetectedFormat.Html, DocumentFormatDetector.Detect(content, "page.txt").Format);
    }

    [Fact]
    public void ATextFileNamedPdfIsRefusedAsMislabelled()
    {
        var detection = DocumentFormatDetector.Detect(Encoding.UTF8.GetBytes("Just some notes, not a PDF."), "report.pdf");

        Assert.Null(detection.Format);
        Assert.Contains("'.pdf'", detection.Problem);
        Assert.Contains("plain text", detection.Problem);
    }

    [Fact]
    public void APdfNamedAsTextIsRefusedAsMislabelled()
    {
        var detection = DocumentFormatDetector.Detect(SampleLibrary.Read("an-prc-990-operator-manual.pdf"), "manual.txt");

        Assert.Null(detection.Format);
        Assert.Contains("a PDF", detection.Problem);
    }

    [Fact]
    public void AWordDocumentNamedPdfIsRefusedAsMislabelled()
    {
        var detection = DocumentFormatDetector.Detect(SampleLibrary.Read("tg-45-generator-manual.docx"), "manual.pdf");

        Assert.Null(detection.Format);
        Assert.Contains("Word document", detection.Problem);
    }

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00 }, "setup.exe", "executable")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, "photo.png", "PNG image")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, "photo.pdf", "PNG image")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "old.doc", "legacy Office")]
    public void KnownBinaryFormatsAreUnsupportedAndNamed(byte[] content, string fileName, string named)
    {
        var detection = DocumentFormatDetector.Detect(content, fileName);

        Assert.Null(detection.Format);
        Assert.Contains(named, detection.Problem);
    }

    [Fact]
    public void BinaryDataOfAnUnknownKindIsUnsupported()
    {
        var content = Enumerable.Range(0, 512).Select(i => (byte)(i * 37 % 256)).ToArray();

        var detection = DocumentFormatDetector.Detect(content, "data.bin");

        Assert.Null(detection.Format);
        Assert.Contains("binary", detection.Problem);
    }

    [Fact]
    public void AZipArchiveThatIsNotAWordDocumentIsUnsupported()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("xl/workbook.xml").Open());
            writer.Write("<workbook/>");
        }

        var detection = DocumentFormatDetector.Detect(zip.ToArray(), "budget.docx");

        Assert.Null(detection.Format);
        Assert.Contains("Excel workbook", detection.Problem);
    }

    [Fact]
    public void AnEmptyFileIsUnreadable()
    {
        var error = Assert.Throws<DocumentUnreadableException>(() => DocumentFormatDetector.Detect([], "empty.txt"));

        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void TextInUtf16OrAnOldSingleByteEncodingIsText()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Radio check at H+15.")).ToArray();
        byte[] windows1252 = [.. "Caf"u8, 0xE9, .. " menu: 3 "u8, 0x80];

        Assert.Equal(DetectedFormat.Text, DocumentFormatDetector.Detect(utf16, "notes.txt").Format);
        Assert.Equal(DetectedFormat.Text, DocumentFormatDetector.Detect(windows1252, "notes.txt").Format);
    }
}
