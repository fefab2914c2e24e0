using Bunit;
using TacticalRag.Web.Api;
using TacticalRag.Web.Components.Shared;

namespace TacticalRag.Web.Tests;

public sealed class MarkedTextTests : IDisposable
{
    private readonly BunitContext _context = new();

    [Fact]
    public void MarksTheHighlightedWordsAndKeepsTheRestAsText()
    {
        var text = Render("Battery life is 18 hours with the BB-990 battery.", H(0, 7), H(8, 4), H(41, 7));

        Assert.Equal(["Battery", "life", "battery"], text.FindAll("mark").Select(m => m.TextContent));
        Assert.Equal("Battery life is 18 hours with the BB-990 battery.", Unmarked(text));
    }

    [Fact]
    public void PassageTextIsShownAsTextNeverAsMarkup()
    {
        var text = Render("<script>alert(1)</script> <b>battery</b>", H(29, 7));

        Assert.Empty(text.FindAll("script"));
        Assert.Empty(text.FindAll("b"));
        Assert.Equal("battery", text.Find("mark").TextContent);
        Assert.Contains("&lt;script&gt;", text.Markup);
    }

    [Fact]
    public void HighlightsOutsideTheTextOrOverlappingAnotherAreIgnored()
    {
        var text = Render("short text", H(0, 5), H(3, 4), H(8, 10), H(-1, 2), H(6, 0));

        Assert.Equal(["short"], text.FindAll("mark").Select(m => m.TextContent));
        Assert.Equal("short text", Unmarked(text));
    }

    private IRenderedComponent<MarkedText> Render(string text, params TextHighlight[] highlights) =>
        _context.Render<MarkedText>(p => p.Add(c => c.Text, text).Add(c => c.Highlights, highlights));

    private static TextHighlight H(int start, int length) => new(start, length);

    private static string Unmarked(IRenderedComponent<MarkedText> text) =>
        text.Markup.Replace("<mark class=\"excerpt-match\">", "").Replace("</mark>", "");

    public void Dispose() => _context.Dispose();
}
