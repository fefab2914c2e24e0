using System.Text;
using TacticalRag.Api.Ingestion.Extraction;

namespace TacticalRag.UnitTests.Ingestion;

/// <summary>Scraped text with stray C1 control characters is text: accepted, and read with its mojibake repaired.</summary>
public sealed class ScrapedTextTests
{
    private static readonly string Passage =
        "Section 5150 is a section of the Welfare and Institutions Code. It’s one thing to say you will stand up " +
        "– another to do it. Call your county sheriff’s department or the court clerk’s office for “records”.";

    [Theory]
    [InlineData("passage.txt", DocumentFileFormat.Text)]
    [InlineData("passage.md", DocumentFileFormat.Markdown)]
    [InlineData("passage.html", DocumentFileFormat.Html)]
    public void TextFullOfC1ControlsIsAcceptedAsText(string fileName, DocumentFileFormat format)
    {
        var content = MojibakeFixtures.Utf8File(MojibakeFixtures.ThroughLatin1(Passage));

        var detection = DocumentFormatDetector.Detect(content, fileName);

        Assert.True(detection.IsSupported, detection.Problem);
        Assert.Equal(format, detection.Format!.Format);
    }

    [Theory]
    [InlineData("passage.txt")]
    [InlineData("passage.md")]
    [InlineData("passage.html")]
    public void EachTextFormatComesOutWithItsMojibakeRepaired(string fileName)
    {
        var content = MojibakeFixtures.Utf8File(MojibakeFixtures.ThroughLatin1(Passage));

        var document = SampleLibrary.Extract(content, fileName);

        Assert.Equal(Passage, document.Sections.Single().Text);
    }

    [Fact]
    public void WindowsMojibakeInAWebPageIsRepairedToo()
    {
        var page = $"<html><head><title>Caf{MojibakeFixtures.ThroughWindows1252("é")} notes</title></head><body><p>{MojibakeFixtures.ThroughWindows1252(Passage)}</p></body></html>";

        var document = SampleLibrary.Extract(Encoding.UTF8.GetBytes(page), "notes.html");

        Assert.Equal("Café notes", document.Title);
        Assert.Equal(Passage, document.Sections.Single().Text);
    }

    [Fact]
    public void NulBytesAreStillBinary()
    {
        byte[] content = [.. Encoding.UTF8.GetBytes("Looks like text at first"), 0, 0, 0, .. Encoding.UTF8.GetBytes(" then it is not.")];

        Assert.False(DocumentFormatDetector.Detect(content, "data.txt").IsSupported);
    }

    [Fact]
    public void ManyC0ControlsAreStillBinary()
    {
        var content = Enumerable.Range(0, 600).Select(i => i % 5 == 0 ? (byte)(1 + i % 7) : (byte)'a').ToArray();

        var detection = DocumentFormatDetector.Detect(content, "data.txt");

        Assert.False(detection.IsSupported);
        Assert.Contains("binary", detection.Problem);
    }
}
