using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TacticalRag.Web.Markdown;

/// <summary>
/// Keeps model-written links from doing harm: only http, https and mailto links stay links (opening in a new tab,
/// without referrer); any other link, and every image, becomes its own text. The model's text is data, and a
/// <c>javascript:</c> link or a tracking image in it must not act on the reader's behalf.
/// </summary>
internal static class SafeLinks
{
    private static readonly string[] s_allowedSchemes = [Uri.UriSchemeHttp, Uri.UriSchemeHttps, Uri.UriSchemeMailto];

    public static void Apply(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link.IsImage || !IsAllowed(link.Url))
            {
                link.ReplaceBy(new ContainerInline(), copyChildren: true);
                continue;
            }
            var attributes = link.GetAttributes();
            attributes.AddPropertyIfNotExist("target", "_blank");
            attributes.AddPropertyIfNotExist("rel", "noopener noreferrer nofollow");
        }
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsAllowed(autolink.IsEmail ? $"mailto:{autolink.Url}" : autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url), copyChildren: false);
            }
        }
    }

    private static bool IsAllowed(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && s_allowedSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase);
}
