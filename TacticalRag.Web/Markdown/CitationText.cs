using System.Globalization;
using System.Text;
using TacticalRag.Web.Api;

namespace TacticalRag.Web.Markdown;

/// <summary>How a source is named on screen and to screen readers.</summary>
public static class CitationText
{
    /// <summary>"Source 2: Radio manual, section 6. Zeroizing, page 2".</summary>
    public static string Describe(Citation source) => $"Source {source.Index.ToString(CultureInfo.InvariantCulture)}: {Where(source)}";

    /// <summary>A chip's tooltip: the document, and the part of the passage that matches the question when known.</summary>
    public static string Preview(Citation source) =>
        string.IsNullOrWhiteSpace(source.Excerpt) ? source.Title : $"{source.Title}: {source.Excerpt}";

    /// <summary>"Radio manual, section 6. Zeroizing, page 2": the document, then what of section and page is known.</summary>
    public static string Where(Citation source)
    {
        var text = new StringBuilder(source.Title);
        if (!string.IsNullOrWhiteSpace(source.Section) && source.Section != source.Title)
        {
            text.Append(", section ").Append(source.Section);
        }
        if (source.Page is { } page)
        {
            text.Append(", page ").Append(page.ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
