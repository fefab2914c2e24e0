using DocumentFormat.OpenXml.Wordprocessing;

namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// Which runs Word does not show: hidden text (<c>w:vanish</c>) and text shown only in web layout
/// (<c>w:webHidden</c>), set on the run itself or through its character style or its paragraph's style. Hidden text
/// is not read: no reader of the document sees it, so it could only carry what its author wanted to hide.
/// </summary>
internal sealed class DocxHiddenText
{
    private readonly HashSet<string> _hiddenStyleIds = new(StringComparer.OrdinalIgnoreCase);

    public DocxHiddenText(Styles? styles)
    {
        foreach (var style in styles?.Elements<Style>() ?? [])
        {
            if (style.StyleId?.Value is { } id && style.StyleRunProperties is { } properties
                && (properties.GetFirstChild<Vanish>() is { } vanish && IsOn(vanish.Val)
                    || properties.GetFirstChild<WebHidden>() is { } webHidden && IsOn(webHidden.Val)))
            {
                _hiddenStyleIds.Add(id);
            }
        }
    }

    public bool IsHidden(Run run, Paragraph paragraph)
    {
        var properties = run.RunProperties;
        if (properties?.Vanish is { } vanish)
        {
            return IsOn(vanish.Val) || properties.WebHidden is { } webHidden && IsOn(webHidden.Val);
        }
        if (properties?.WebHidden is { } hiddenOnWeb && IsOn(hiddenOnWeb.Val))
        {
            return true;
        }
        var styleId = properties?.RunStyle?.Val?.Value ?? paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        return styleId is not null && _hiddenStyleIds.Contains(styleId)
            || properties?.RunStyle is not null && paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value is { } paragraphStyle
                && _hiddenStyleIds.Contains(paragraphStyle);
    }

    /// <summary>An on/off property is on when present without a value, or with a true one.</summary>
    private static bool IsOn(DocumentFormat.OpenXml.OnOffValue? value) => value is null || value.Value;
}
