using System.Text;
using TacticalRag.Api.Ingestion.Extraction;

namespace TacticalRag.UnitTests.Ingestion;

public sealed class ExtractionTests
{
    [Fact]
    public void APdfGivesItsTitleHeadingsFromLargerTypeAndOneBasedPages()
    {
        var document = SampleLibrary.Extract("an-prc-990-operator-manual.pdf");

        Assert.Equal("AN/PRC-990 Tactical Radio - Operator Manual", document.Title);
        var specifications = Assert.Single(document.Sections, section => section.Heading == "2. Technical Specifications");
        Assert.Equal(1, specifications.Page);
        Assert.Contains("Battery life: 18 hours at the standard duty cycle", specifications.Text);
        Assert.Equal(2, Assert.Single(document.Sections, section => section.Heading == "7. Troubleshooting and Error Codes").Page);
        Assert.Equal([1, 2], document.Sections.Select(section => section.Page!.Value).Distinct().Order());
    }

    [Fact]
    public void AWordDocumentGivesItsTitleHeadingSectionsAndTableRows()
    {
        var document = SampleLibrary.Extract("tg-45-generator-manual.docx");

        Assert.Equal("TG-45 Tactical Generator Set - Operator Manual", document.Title);
        Assert.Contains("3.1 Cold Weather", document.Sections.Select(section => section.Heading));
        var specifications = Assert.Single(document.Sections, section => section.Heading == "2. Specifications");
        Assert.Contains("Continuous output | 4.5 kW\nVoltage | 120/240 V, single phase", specifications.Text);
        Assert.All(document.Sections, section => Assert.Null(section.Page));
    }

    [Fact]
    public void AWebPageLosesScriptsStylesAndNavigationAndKeepsItsStructure()
    {
        var document = SampleLibrary.Extract("antenna-field-guide.html");

        Assert.Equal("Field Antenna Guide", document.Title);
        Assert.Equal(
            ["Field Antenna Guide", "Antenna Basics", "Building a Half-Wave Dipole", "Near Vertical Incidence Skywave (NVIS)", "The OE-770 Mast Antenna", "Siting and Safety"],
            document.Sections.Select(section => section.Heading));
        var allText = string.Join("\n", document.Sections.Select(section => section.Text));
        Assert.DoesNotContain("classList", allText);
        Assert.DoesNotContain("font-family", allText);
        Assert.DoesNotContain("Dipole | NVIS", allText);
        Assert.Contains("Mast height | 12 m\nMast sections | 8", allText);
    }

    [Fact]
    public void MarkdownComesOutAsTextWithoutMarkup()
    {
        var document = SampleLibrary.Extract("glossary.md");

        Assert.Equal("Glossary of Terms and Abbreviations", document.Title);
        Assert.Equal(["Glossary of Terms and Abbreviations", "A to E", "F to N", "O to Z"], document.Sections.Select(section => section.Heading));
        var allText = string.Join("\n", document.Sections.Select(section => section.Text));
        Assert.Contains("AAR (After Action Report). A written review", allText);
        Assert.DoesNotContain("**", allText);
        Assert.DoesNotContain("#", allText);
    }

    [Fact]
    public void MarkdownListsAndTablesBecomeOneLinePerItem()
    {
        var document = SampleLibrary.Extract("radio-procedures-sop.md");

        Assert.Contains("open, close or move the net.\n\nEach platoon", document.Sections.Single(section => section.Heading == "Net Structure").Text);
        Assert.Contains("Station | Call sign\nCompany command post (NCS) | GRANITE 0\n", document.Sections.Single(section => section.Heading == "Net Structure").Text);
        Assert.Contains("calls GRANITE 0.\n- If there is still no contact after 60 minutes", document.Sections.Single(section => section.Heading == "Lost Communications Procedure").Text);
    }

    [Fact]
    public void PlainTextFindsUnderlinedAndCapitalisedHeadings()
    {
        var document = SampleLibrary.Extract("convoy-sop.txt");

        Assert.Equal("SOP 4-02: Convoy Operations", document.Title);
        Assert.Equal("SOP 4-02: Convoy Operations", document.Sections[0].Heading);
        Assert.Contains("3. SPEEDS AND INTERVALS", document.Sections.Select(section => section.Heading));
        Assert.Contains("Paved roads: 60 km/h.\nUnpaved roads and tracks: 40 km/h.", document.Sections.Single(section => section.Heading == "3. SPEEDS AND INTERVALS").Text);
    }

    [Fact]
    public void PlainTextFindsAsciiDocAndMarkdownStyleHeadingLines()
    {
        var text = "= Chapter I: Of Princedoms\nAll states are republics or princedoms.\n\n== Chapter II ==\nHereditary states.\n"
            + "# of rounds fired per hour is logged.\n#hashtag is not a heading\n";

        var document = SampleLibrary.Extract(Encoding.UTF8.GetBytes(text), "book.txt");

        Assert.Equal("Chapter I: Of Princedoms", document.Title);
        Assert.Equal(["Chapter I: Of Princedoms", "Chapter II"], document.Sections.Select(section => section.Heading).Distinct());
        Assert.Contains("#hashtag is not a heading", document.Sections[^1].Text);
        Assert.DoesNotContain("= Chapter", string.Concat(document.Sections.Select(section => section.Text)));
    }

    [Theory]
    [InlineData("notes.html", "<html><body><p>Only a paragraph.</p></body></html>")]
    [InlineData("notes.md", "Just a line of text, no heading.\n\nAnother paragraph.")]
    public void TheTitleFallsBackToTheFileName(string fileName, string content)
    {
        var document = SampleLibrary.Extract(Encoding.UTF8.GetBytes(content), fileName);

        Assert.Equal("notes", document.Title);
    }

    [Fact]
    public void TextInWindows1252IsDecoded()
    {
        byte[] content = [.. "Caf"u8, 0xE9, .. " opens at 0700 "u8, 0x96, .. " closes at 1900."u8];

        var document = SampleLibrary.Extract(content, "cafe.txt");

        Assert.Equal("Café opens at 0700 – closes at 1900.", document.Sections.Single().Text);
    }

    [Theory]
    [InlineData("broken.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\nthis is not a pdf body", "PDF is corrupt")]
    [InlineData("broken.docx", "PK\u0003\u0004this is not really a zip archive at all", "Word document is corrupt")]
    public void ACorruptFileIsUnreadable(string fileName, string content, string reason)
    {
        var bytes = Encoding.Latin1.GetBytes(content);
        var detection = DocumentFormatDetector.Detect(bytes, fileName);

        var error = Assert.Throws<DocumentUnreadableException>(() => SampleLibrary.Extractors.Extract(detection.Format!, new MemoryStream(bytes), fileName));

        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("an-prc-990-operator-manual.pdf")]
    [InlineData("exercise-iron-falcon-aar.docx")]
    public void ATruncatedUploadIsUnreadable(string sample)
    {
        var bytes = SampleLibrary.Read(sample)[..^(SampleLibrary.Read(sample).Length / 2)];
        var detection = DocumentFormatDetector.Detect(bytes, sample);

        Assert.Throws<DocumentUnreadableException>(() => SampleLibrary.Extractors.Extract(detection.Format!, new MemoryStream(bytes), sample));
    }

    [Theory]
    [InlineData("blank.txt", "   \n\n\t  \n", "no text")]
    [InlineData("blank.html", "<html><head><title>Empty</title><script>var x = 1;</script></head><body> </body></html>", "no text")]
    public void AFileWithoutTextIsUnreadable(string fileName, string content, string reason)
    {
        var bytes = Encoding.UTF8.GetBytes(content);

        var error = Assert.Throws<DocumentUnreadableException>(() => SampleLibrary.Extract(bytes, fileName));

        Assert.Contains(reason, error.Message);
    }
}
