using Markdig.Syntax.Inlines;

namespace TacticalRag.Web.Markdown;

/// <summary>A citation marker of an answer, <c>[2]</c> or <c>[1, 3]</c>: the source numbers it names, in order.</summary>
internal sealed class CitationInline(IReadOnlyList<int> indexes) : LeafInline
{
    public IReadOnlyList<int> Indexes { get; } = indexes;
}
