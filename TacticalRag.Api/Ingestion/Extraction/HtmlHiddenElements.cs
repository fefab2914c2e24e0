using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// Elements a browser does not show, whose text is therefore not read: the <c>hidden</c> attribute, and inline styles
/// <c>display: none</c>, <c>visibility: hidden</c> (or <c>collapse</c>) and <c>content-visibility: hidden</c>.
/// <c>aria-hidden="true"</c> is kept: it hides an element from screen readers only, mostly decorative text that sighted
/// readers do see, so dropping it would lose visible text without taking away anything hidden from readers.
/// Rules in style sheets (a class set to <c>display: none</c>) are not evaluated.
/// </summary>
internal static partial class HtmlHiddenElements
{
    public static bool IsHidden(IElement element) =>
        element.HasAttribute("hidden")
        || element.GetAttribute("style") is { Length: > 0 } style && HiddenStyle().IsMatch(style);

    /// <summary>Whether a raw opening tag, as Markdown carries inline HTML (<c>&lt;span style="display:none"&gt;</c>), hides its content.</summary>
    public static bool IsHiddenTag(string tag) =>
        HiddenAttribute().IsMatch(tag) || StyleAttribute().Match(tag) is { Success: true } style && HiddenStyle().IsMatch(style.Groups["style"].Value);

    /// <summary>The tag's name, lower case, and whether it closes (<c>&lt;/span&gt;</c>); null for a comment or a declaration.</summary>
    public static (string? Name, bool Closing) TagName(string tag)
    {
        var match = TagNamePattern().Match(tag);
        return match.Success ? (match.Groups["name"].Value.ToLowerInvariant(), match.Groups["closing"].Success) : (null, false);
    }

    [GeneratedRegex(@"^<(?<closing>/)?(?<name>[a-zA-Z][a-zA-Z0-9-]*)")]
    private static partial Regex TagNamePattern();

    [GeneratedRegex(@"\shidden(?:\s|=|/?>)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenAttribute();

    [GeneratedRegex(@"\sstyle\s*=\s*(?:""(?<style>[^""]*)""|'(?<style>[^']*)'|(?<style>[^\s>]+))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"(?:^|[;\s])(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|content-visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenStyle();
}
