using Markdig;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using TacticalRag.Web.Api;

namespace TacticalRag.Web.Markdown;

/// <summary>
/// Renders an answer's markdown as HTML that is safe to put on the page: raw HTML from the model is shown as text,
/// links are filtered (<see cref="SafeLinks"/>), and citation markers [n] become chips for the sources given.
/// </summary>
public static class AnswerHtml
{
    private static readonly MarkdownPipeline s_pipeline = BuildPipeline();

    public static string Render(string markdown, IReadOnlyList<Citation> sources)
    {
        var document = Markdig.Markdown.Parse(markdown, s_pipeline);
        SafeLinks.Apply(document);

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        s_pipeline.Setup(renderer);
        renderer.ObjectRenderers.Insert(0, new CitationChipRenderer(ByIndex(sources)));
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private static MarkdownPipeline BuildPipeline()
    {
        // Deliberately few extensions: the "advanced" set includes generic attributes ({onclick=...}), which would
        // let the model's text put attributes on the page.
        var builder = new MarkdownPipelineBuilder()
            .DisableHtml()
            .UsePipeTables()
            .UseEmphasisExtras()
            .UseSoftlineBreakAsHardlineBreak();
        builder.InlineParsers.InsertBefore<LinkInlineParser>(new CitationInlineParser());
        return builder.Build();
    }

    private static Dictionary<int, Citation> ByIndex(IReadOnlyList<Citation> sources)
    {
        var byIndex = new Dictionary<int, Citation>(sources.Count);
        foreach (var source in sources)
        {
            byIndex.TryAdd(source.Index, source);
        }
        return byIndex;
    }
}
