using System.IO.Compression;
using System.Text;
using TacticalRag.Api.Ingestion.Extraction;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Writer;

namespace TacticalRag.UnitTests.Ingestion;

public sealed class HostileInputTests
{
    [Fact]
    public void AZipBombDisguisedAsAWordDocumentIsRefusedBeforeItIsExpanded()
    {
        // 256 MB of one repeated byte deflates to a few hundred kilobytes.
        var bytes = FilledWordPackage.Create((byte)' ', megabytes: 256);
        var detection = DocumentFormatDetector.Detect(bytes, "bomb.docx");

        var error = Assert.Throws<DocumentUnreadableException>(() => SampleLibrary.Extractors.Extract(detection.Format!, new MemoryStream(bytes), "bomb.docx"));

        Assert.Contains("zip bomb", error.Message);
    }

    [Fact]
    public void HtmlNestedAsDeepAsTheLimitAllowsIsReadWithoutOverflowingTheStack()
    {
        const int depth = NestingDepth.MaxHtmlDepth;
        var html = new StringBuilder("<html><body>");
        html.Insert(html.Length, "<div>", depth).Append("Deep text.").Insert(html.Length, "</div>", depth).Append("</body></html>");

        Assert.Contains("Deep text.", SampleLibrary.Extract(Encoding.UTF8.GetBytes(html.ToString()), "deep.html").Sections.Single().Text);
    }

    [Fact]
    public void MarkdownNestedBeyondTheParsersLimitIsUnreadable()
    {
        var markdown = Encoding.UTF8.GetBytes(new string('>', 5_000) + " Quoted text.");

        var error = Assert.Throws<DocumentUnreadableException>(() => SampleLibrary.Extract(markdown, "deep.md"));

        Assert.Contains("nested", error.Message);
    }

    [Fact]
    public void APdfWithoutATextLayerIsUnreadable()
    {
        var builder = new PdfDocumentBuilder();
        builder.AddPage(PageSize.A4).DrawRectangle(new UglyToad.PdfPig.Core.PdfPoint(50, 50), 100, 100);
        var bytes = builder.Build();

        var error = Assert.Throws<DocumentUnreadableException>(() => SampleLibrary.Extract(bytes, "scan.pdf"));

        Assert.Contains("no extractable text", error.Message);
    }
}
