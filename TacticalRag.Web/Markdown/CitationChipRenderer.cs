using System.Globalization;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using TacticalRag.Web.Api;

namespace TacticalRag.Web.Markdown;

/// <summary>
/// Writes each cited source number as a chip button (<c>data-citation</c> holds the number; a click is picked up
/// by the answer's <c>oncitationclick</c> handler). A number that matches no source stays plain text.
/// </summary>
internal sealed class CitationChipRenderer(IReadOnlyDictionary<int, Citation> sources) : HtmlObjectRenderer<CitationInline>
{
    protected override void Write(HtmlRenderer renderer, CitationInline citation)
    {
        foreach (var index in citation.Indexes)
        {
            var number = index.ToString(CultureInfo.InvariantCulture);
            if (!sources.TryGetValue(index, out var source))
            {
                renderer.WriteEscape($"[{number}]");
                continue;
            }
            renderer.Write("<button type=\"button\" class=\"citation-chip\" data-testid=\"citation-chip\" data-citation=\"")
                .Write(number)
                .Write("\" aria-label=\"").WriteEscape(CitationText.Describe(source))
                .Write("\" title=\"").WriteEscape(CitationText.Preview(source))
                .Write("\">").Write(number).Write("</button>");
        }
    }
}
