using System.Text;
using TacticalRag.Api.Ingestion.Extraction;

namespace TacticalRag.UnitTests.Ingestion;

/// <summary>
/// The cheap nesting check that runs before any parser: deep hostile markup is refused naming the limit, while the
/// nesting of real documents (unclosed paragraphs and list items, void elements, scripts holding '&lt;') passes.
/// </summary>
public sealed class NestingDepthTests
{
    [Fact]
    public void HtmlWithImplicitlyClosedAndVoidElementsIsNotCountedAsNesting()
    {
        var page = new StringBuilder("<html><body>");
        for (var i = 0; i < 2_000; i++)
        {
            page.Append("<p>para <br><img src=x><li>item <input><td>cell<!-- <div><div> --><script>if (a < b) { x = '<div>'; }</script>");
        }
        NestingDepth.CheckHtml(page.ToString(), CancellationToken.None);
    }

    [Fact]
    public void HtmlNestedPastTheLimitIsRefusedNamingIt()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", NestingDepth.MaxHtmlDepth + 1));

        var refused = Assert.Throws<DocumentUnreadableException>(() => NestingDepth.CheckHtml(html, CancellationToken.None));

        Assert.Contains("512 levels", refused.Message);
    }

    [Fact]
    public void MarkdownListsNestedPastTheLimitAreRefusedAlsoOnOneLine()
    {
        var indented = string.Concat(Enumerable.Range(0, 300).Select(level => new string(' ', level * 2) + "- item\n"));
        var oneLine = string.Concat(Enumerable.Repeat("> - ", 200)) + "deep\n";

        Assert.Contains("256 levels", Assert.Throws<DocumentUnreadableException>(() => NestingDepth.CheckMarkdown(indented, CancellationToken.None)).Message);
        Assert.Throws<DocumentUnreadableException>(() => NestingDepth.CheckMarkdown(oneLine, CancellationToken.None));
    }

    [Fact]
    public void OrdinaryMarkdownPasses()
    {
        var markdown = "# Title\n\n- one\n  - two\n    - three\n\n> quote\n> > nested\n\n---\n\n1. first\n2. second\n\n    code block\n\n*emphasis* and -dash\n";

        NestingDepth.CheckMarkdown(markdown, CancellationToken.None);
    }

    [Fact]
    public void XmlNestedPastTheLimitIsRefusedNamingThePart()
    {
        var xml = "<r>" + string.Concat(Enumerable.Repeat("<a>", 300)) + string.Concat(Enumerable.Repeat("</a>", 300)) + "</r>";

        var refused = Assert.Throws<DocumentUnreadableException>(() =>
            NestingDepth.CheckXml(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "word/document.xml", CancellationToken.None));

        Assert.Contains("word/document.xml", refused.Message);
        Assert.Contains("256 levels", refused.Message);
    }
}
