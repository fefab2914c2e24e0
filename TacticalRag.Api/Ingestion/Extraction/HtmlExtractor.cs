using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// HTML via AngleSharp: h1-h3 start sections; scripts, styles, templates, navigation and other non-content elements are
/// dropped, and so are elements a browser does not show (<see cref="HtmlHiddenElements"/>);
/// block elements end paragraphs, list items and table rows end lines. Title from &lt;title&gt;, else the first h1.
/// </summary>
internal sealed class HtmlExtractor : IDocumentExtractor
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "nav", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "head", "button", "select",
    };

    private static readonly HashSet<string> ParagraphBlocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "ul", "ol", "dl", "table",
        "figure", "figcaption", "address", "hr", "form", "fieldset", "details", "summary", "caption", "h4", "h5", "h6",
    };

    private static readonly HashSet<string> LineBlocks = new(StringComparer.OrdinalIgnoreCase) { "li", "tr", "dt", "dd", "br" };

    public DocumentFileFormat Format => DocumentFileFormat.Html;

    public ExtractedDocument Extract(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var html = TextDecoding.ReadAll(content, "HTML");
        NestingDepth.CheckHtml(html, cancellationToken);
        var document = new HtmlParser().ParseDocumentAsync(html, cancellationToken).GetAwaiter().GetResult();
        var collector = new SectionCollector();
        var paragraph = new StringBuilder();
        string? firstH1 = null;

        void EndParagraph()
        {
            collector.AddParagraph(paragraph.ToString());
            paragraph.Clear();
        }

        // Depth-first without recursion (deeply nested hostile markup must not overflow the stack). A closing entry marks
        // the end of an element, where a block's paragraph or line ends.
        var pending = new Stack<(INode Node, bool Closing)>();
        pending.Push((document.Body ?? (INode)document, false));
        while (pending.TryPop(out var item))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (node, closing) = item;
            if (node is IText text)
            {
                paragraph.Append(text.Data.Replace('\n', ' ').Replace('\r', ' '));
                continue;
            }
            if (node is not IElement element)
            {
                PushChildren(pending, node);
                continue;
            }
            var tag = element.LocalName;
            if (closing || Dropped.Contains(tag) || HtmlHiddenElements.IsHidden(element))
            {
                if (closing)
                {
                    BreakAfter(tag, paragraph, EndParagraph);
                }
                continue;
            }
            switch (tag)
            {
                case "h1" or "h2" or "h3":
                    EndParagraph();
                    var heading = element.TextContent;
                    firstH1 ??= tag == "h1" ? heading : null;
                    collector.StartSection(heading);
                    break;
                case "pre":
                    EndParagraph();
                    collector.AddParagraph(element.TextContent);
                    break;
                case "td" or "th" when paragraph.Length > 0 && paragraph[^1] != '\n':
                    paragraph.Append(" | ");
                    goto default;
                default:
                    BreakAfter(tag, paragraph, EndParagraph);
                    pending.Push((element, true));
                    PushChildren(pending, element);
                    break;
            }
        }
        EndParagraph();
        return new ExtractedDocument(DocumentTitles.Choose(fileName, document.Title, firstH1, collector.FirstHeading), collector.Finish());
    }

    private static void PushChildren(Stack<(INode, bool)> pending, INode node)
    {
        for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
        {
            pending.Push((child, false));
        }
    }

    /// <summary>A block element's boundary: a paragraph break, or for list items and rows a line break.</summary>
    private static void BreakAfter(string tag, StringBuilder paragraph, Action endParagraph)
    {
        if (ParagraphBlocks.Contains(tag))
        {
            endParagraph();
        }
        else if (LineBlocks.Contains(tag) && paragraph.Length > 0 && paragraph[^1] != '\n')
        {
            paragraph.Append('\n');
        }
    }
}
