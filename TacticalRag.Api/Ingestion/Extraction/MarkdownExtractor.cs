using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// Markdown via Markdig: headings of level 1-3 start sections; text comes without markup; raw HTML is dropped, and so
/// is the text inside inline HTML that hides it (<see cref="HtmlHiddenElements"/>).
/// </summary>
internal sealed class MarkdownExtractor : IDocumentExtractor
{
    private const int MaxSectionHeadingLevel = 3;
    private const int MaxInlineDepth = 64;
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseYamlFrontMatter().Build();

    public DocumentFileFormat Format => DocumentFileFormat.Markdown;

    public ExtractedDocument Extract(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var source = TextDecoding.ReadAll(content, "Markdown");
        NestingDepth.CheckMarkdown(source, cancellationToken);
        var markdown = Parse(source);
        var collector = new SectionCollector();
        string? firstH1 = null;

        // Depth-first without recursion: nesting in hostile input must not overflow the stack.
        var pending = new Stack<Block>(markdown.Reverse());
        while (pending.TryPop(out var block))
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (block)
            {
                case HeadingBlock heading:
                    var title = InlineText(heading.Inline);
                    firstH1 ??= heading.Level == 1 ? title : null;
                    if (heading.Level <= MaxSectionHeadingLevel)
                    {
                        collector.StartSection(title);
                    }
                    else
                    {
                        collector.AddParagraph(title);
                    }
                    break;
                case ListBlock or Table:
                    // One paragraph, one line per item or row, so the chunker keeps items whole.
                    collector.AddParagraph(string.Join('\n', LinesOf((ContainerBlock)block)));
                    break;
                case ContainerBlock container:
                    foreach (var child in container.Reverse())
                    {
                        pending.Push(child);
                    }
                    break;
                case LeafBlock leaf when LeafText(leaf) is { } text:
                    collector.AddParagraph(text);
                    break;
            }
        }
        return new ExtractedDocument(DocumentTitles.Choose(fileName, firstH1, collector.FirstHeading), collector.Finish());
    }

    private static MarkdownDocument Parse(string text)
    {
        try
        {
            return Markdown.Parse(text, Pipeline);
        }
        catch (ArgumentException exception)
        {
            // Markdig refuses input nested beyond its depth limit rather than overflowing the stack.
            throw new DocumentUnreadableException("The Markdown is nested too deeply to read.", exception);
        }
    }

    private static IEnumerable<string> LinesOf(ContainerBlock container) => container switch
    {
        Table table => table.OfType<TableRow>().Select(row =>
            string.Join(" | ", row.OfType<TableCell>().Select(cell => string.Join(' ', cell.Descendants<LeafBlock>().Select(LeafText))))),
        _ => container.Descendants<LeafBlock>().Select(LeafText).OfType<string>().Select(text => "- " + text),
    };

    private static string? LeafText(LeafBlock leaf) => leaf switch
    {
        HtmlBlock or ThematicBreakBlock or LinkReferenceDefinition => null,
        Markdig.Extensions.Yaml.YamlFrontMatterBlock => null,
        CodeBlock code => code.Lines.ToString(),
        _ => InlineText(leaf.Inline),
    };

    private static string InlineText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        AppendInline(text, inline?.FirstChild, depth: 0);
        return text.ToString();
    }

    private static void AppendInline(StringBuilder text, Inline? first, int depth)
    {
        // Inline HTML that hides its content (<span style="display:none">…</span>) hides it here too, up to its closing tag.
        string? hiddenTag = null;
        var hiddenDepth = 0;
        for (var node = first; node is not null; node = node.NextSibling)
        {
            if (node is HtmlInline html)
            {
                var (name, closing) = HtmlHiddenElements.TagName(html.Tag);
                if (hiddenTag is null && name is not null && !closing && !html.Tag.EndsWith("/>", StringComparison.Ordinal) && HtmlHiddenElements.IsHiddenTag(html.Tag))
                {
                    (hiddenTag, hiddenDepth) = (name, 1);
                }
                else if (hiddenTag is not null && name == hiddenTag)
                {
                    hiddenDepth += closing ? -1 : 1;
                    hiddenTag = hiddenDepth == 0 ? null : hiddenTag;
                }
                continue;
            }
            if (hiddenTag is not null)
            {
                continue;
            }
            switch (node)
            {
                case LiteralInline literal: text.Append(literal.Content.AsSpan()); break;
                case CodeInline code: text.Append(code.Content); break;
                case LineBreakInline lineBreak: text.Append(lineBreak.IsHard ? '\n' : ' '); break;
                case HtmlEntityInline entity: text.Append(entity.Transcoded.AsSpan()); break;
                case AutolinkInline link: text.Append(link.Url); break;
                case ContainerInline container when depth < MaxInlineDepth: AppendInline(text, container.FirstChild, depth + 1); break;
            }
        }
    }
}
