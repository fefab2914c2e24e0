using AngleSharp.Html.Parser;
using TacticalRag.Web.Api;
using TacticalRag.Web.Markdown;

namespace TacticalRag.Web.Tests;

public sealed class AnswerHtmlTests
{
    private static readonly Citation[] Sources =
    [
        new(1, "d1", "Radio manual", "d1-7", "Zeroizing erases every key.", "6. Zeroizing", 2),
        new(2, "d2", "Radio SOP", "d2-1", "Nets are run by the NCS.", null, null),
        new(3, "d3", "Antenna guide", "d3-0", "Dipoles.", "Antennas", null),
    ];

    [Fact]
    public void TurnsCitationMarkersIntoChipsNamingTheirSource()
    {
        var html = Parse(AnswerHtml.Render("Hold **ZERO** for 3 s [1].", Sources));

        var chip = Assert.Single(html.QuerySelectorAll("button.citation-chip"));
        Assert.Equal("1", chip.TextContent);
        Assert.Equal("1", chip.GetAttribute("data-citation"));
        Assert.Equal("Source 1: Radio manual, section 6. Zeroizing, page 2", chip.GetAttribute("aria-label"));
        Assert.Equal("button", chip.GetAttribute("type"));
        Assert.Equal("ZERO", html.QuerySelector("strong")!.TextContent);
    }

    [Fact]
    public void AChipPreviewsThePartOfItsPassageThatMatchesTheQuestion()
    {
        Citation[] sources = [Sources[0] with { Excerpt = "Zeroizing erases <every> key.", Highlights = [new TextHighlight(0, 9)] }];

        var html = Parse(AnswerHtml.Render("Hold ZERO [1].", sources));

        Assert.Equal("Radio manual: Zeroizing erases <every> key.", html.QuerySelector("button.citation-chip")!.GetAttribute("title"));
        Assert.Empty(html.QuerySelectorAll("every"));
    }

    [Fact]
    public void ARetrievalOnlyAnswersBoldWordsDisplayAsBold()
    {
        var html = Parse(AnswerHtml.Render("[1] Radio manual:\n> … The AN/**PRC**-**990 battery** lasts 18 hours.", Sources));

        Assert.Equal(["PRC", "990 battery"], html.QuerySelectorAll("strong").Select(s => s.TextContent));
    }

    [Fact]
    public void SplitsAGroupedMarkerIntoOneChipPerSource()
    {
        var html = Parse(AnswerHtml.Render("Both apply [1, 3] and [2;3].", Sources));

        Assert.Equal(["1", "3", "2", "3"], html.QuerySelectorAll("button.citation-chip").Select(c => c.TextContent));
    }

    [Fact]
    public void LeavesANumberThatMatchesNoSourceAsPlainText()
    {
        var html = Parse(AnswerHtml.Render("See [7] and [note].", Sources));

        Assert.Empty(html.QuerySelectorAll("button"));
        Assert.Equal("See [7] and [note].", html.Body!.TextContent.Trim());
    }

    [Fact]
    public void LeavesMarkersInsideCodeAlone()
    {
        var html = Parse(AnswerHtml.Render("Use `array[1]` here [2].", Sources));

        Assert.Equal("array[1]", html.QuerySelector("code")!.TextContent);
        Assert.Equal(["2"], html.QuerySelectorAll("button.citation-chip").Select(c => c.TextContent));
    }

    [Fact]
    public void ShowsHtmlFromTheModelAsTextInsteadOfRunningIt()
    {
        var html = Parse(AnswerHtml.Render("<script>alert(1)</script>\n\nHi <img src=x onerror=alert(2)> there", Sources));

        Assert.Empty(html.QuerySelectorAll("script, img"));
        Assert.Contains("<script>alert(1)</script>", html.Body!.TextContent);
        Assert.Contains("<img src=x onerror=alert(2)>", html.Body.TextContent);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[click](data:text/html,<b>x</b>)")]
    [InlineData("[click](/api/documents)")]
    public void KeepsLinksThatCouldActOnTheReadersBehalfAsPlainText(string markdown)
    {
        var html = Parse(AnswerHtml.Render(markdown, Sources));

        Assert.Empty(html.QuerySelectorAll("a"));
    }

    [Fact]
    public void ShowsAnImageOnlyAsItsDescription()
    {
        var html = Parse(AnswerHtml.Render("![tracking pixel](https://evil.example/p.png)", Sources));

        Assert.Empty(html.QuerySelectorAll("img"));
        Assert.Equal("tracking pixel", html.Body!.TextContent.Trim());
    }

    [Fact]
    public void OpensWebLinksInANewTabWithoutAReferrer()
    {
        var link = Parse(AnswerHtml.Render("[manual](https://example.org/manual)", Sources)).QuerySelector("a")!;

        Assert.Equal("https://example.org/manual", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
    }

    [Fact]
    public void RendersListsAndLineBreaksAsTheModelWroteThem()
    {
        var html = Parse(AnswerHtml.Render("Steps:\n1. Knob to ZERO\n2. Hold ZERO [1]\nDone.", Sources));

        Assert.Equal(2, html.QuerySelectorAll("ol > li").Length);
        Assert.NotNull(html.QuerySelector("ol li button.citation-chip"));
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);
}
