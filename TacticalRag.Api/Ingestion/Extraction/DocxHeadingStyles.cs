using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Wordprocessing;

namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// Tells heading paragraphs apart: by style (named "heading 2", with id "Heading2", or a localised style with an
/// outline level), or by an outline level set on the paragraph itself.
/// </summary>
internal sealed partial class DocxHeadingStyles
{
    /// <summary>The level reported for the Title style.</summary>
    public const int TitleLevel = 0;

    private readonly Dictionary<string, int> _levelByStyleId = new(StringComparer.OrdinalIgnoreCase);

    public DocxHeadingStyles(Styles? styles)
    {
        foreach (var style in styles?.Elements<Style>() ?? [])
        {
            if (style.StyleId?.Value is { } id && LevelOf(id, style.StyleName?.Val?.Value, style.StyleParagraphProperties?.OutlineLevel?.Val?.Value) is { } level)
            {
                _levelByStyleId[id] = level;
            }
        }
    }

    /// <summary>1-9 for a heading, <see cref="TitleLevel"/> for the title, null for body text.</summary>
    public int? LevelOf(Paragraph paragraph)
    {
        if (paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value is { } outline and < 9)
        {
            return outline + 1;
        }
        var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        if (styleId is null)
        {
            return null;
        }
        // Documents without a styles part still name the built-in styles by id.
        return _levelByStyleId.TryGetValue(styleId, out var level) ? level : LevelOf(styleId, null, null);
    }

    private static int? LevelOf(string id, string? name, int? outlineLevel)
    {
        if (string.Equals(id, "Title", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Title", StringComparison.OrdinalIgnoreCase))
        {
            return TitleLevel;
        }
        if (HeadingName().Match(name ?? id) is { Success: true } match)
        {
            return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return outlineLevel is >= 0 and < 9 ? outlineLevel + 1 : null;
    }

    [GeneratedRegex(@"^heading\s*([1-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingName();
}
