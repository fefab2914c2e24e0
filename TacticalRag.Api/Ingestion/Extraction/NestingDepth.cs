using System.Xml;

namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// How deep a file's markup may nest, checked by a cheap linear scan before any parser builds a tree of it: parsers
/// recurse or slow down with depth (20,000 nested Word tables overflow the stack of the Open XML SDK; 100,000 nested
/// HTML &lt;div&gt;s cost minutes of quadratic work), while real documents stay far below these limits.
/// </summary>
internal static class NestingDepth
{
    /// <summary>XML elements of any Word part, and Markdown containers (lists, block quotes) inside each other.</summary>
    public const int MaxDepth = 256;

    /// <summary>HTML elements; Chromium's HTML parser also stops nesting at 512.</summary>
    public const int MaxHtmlDepth = 512;

    private const int CheckEvery = 64 * 1024;

    /// <summary>Reads one XML part with an <see cref="XmlReader"/> (no tree, no DTD) and refuses it past <see cref="MaxDepth"/>.</summary>
    public static void CheckXml(Stream part, string partName, CancellationToken cancellationToken)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            MaxCharactersInDocument = ExtractionLimits.MaxDocxPartCharacters,
            IgnoreWhitespace = true,
            IgnoreComments = true,
        };
        using var reader = XmlReader.Create(part, settings);
        var nodes = 0;
        while (reader.Read())
        {
            if (reader.Depth > MaxDepth)
            {
                throw TooDeep($"the Word part '{partName}' has XML elements", MaxDepth);
            }
            if (++nodes % CheckEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>
    /// Counts open elements as HTML's parser would keep them: void elements, elements whose end tag is optional (p, li,
    /// td, ...), self-closed tags, comments and the raw text of script and style add nothing.
    /// </summary>
    public static void CheckHtml(string html, CancellationToken cancellationToken)
    {
        var (depth, tags, i) = (0, 0, 0);
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            if (++tags % CheckEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                i = SkipPast(html, i + 4, "-->");
                continue;
            }
            var closing = i + 1 < html.Length && html[i + 1] == '/';
            var nameStart = i + (closing ? 2 : 1);
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-'))
            {
                nameEnd++;
            }
            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                i = nameStart;
                continue;
            }
            var name = html[nameStart..nameEnd].ToLowerInvariant();
            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0)
            {
                return;
            }
            if (closing)
            {
                depth = ImplicitlyClosed.Contains(name) ? depth : Math.Max(0, depth - 1);
            }
            else if (RawText.Contains(name))
            {
                tagEnd = SkipPast(html, tagEnd, "</" + name) - 1;
            }
            else if (!ImplicitlyClosed.Contains(name) && html[tagEnd - 1] != '/' && ++depth > MaxHtmlDepth)
            {
                throw TooDeep("its HTML has elements", MaxHtmlDepth);
            }
            i = tagEnd + 1;
        }
    }

    /// <summary>
    /// Counts, at the start of each line, the containers Markdown opens there (block quote markers and list markers) and
    /// the indentation in front of them (two columns to a level, as a nested list needs at least).
    /// </summary>
    public static void CheckMarkdown(string markdown, CancellationToken cancellationToken)
    {
        var lineStart = 0;
        var lines = 0;
        while (lineStart < markdown.Length)
        {
            if (++lines % CheckEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var (columns, markers, end) = (0, 0, lineStart);
            while (end < markdown.Length && markdown[end] is not ('\n' or '\r'))
            {
                var c = markdown[end];
                if (c == ' ') columns++;
                else if (c == '\t') columns += 4;
                else if (c == '>') markers++;
                else if (ListMarkerLength(markdown, end) is > 0 and var length)
                {
                    markers++;
                    end += length - 1;
                }
                else break;
                end++;
                if (markers > 0 && markers + columns / 2 > MaxDepth)
                {
                    throw TooDeep("its Markdown has lists or block quotes", MaxDepth);
                }
            }
            var next = markdown.IndexOf('\n', end);
            lineStart = next < 0 ? markdown.Length : next + 1;
        }
    }

    /// <summary>A bullet (<c>-</c>, <c>*</c>, <c>+</c>) or an ordered marker (up to 9 digits and <c>.</c> or <c>)</c>) followed by a space or the line's end.</summary>
    private static int ListMarkerLength(string text, int at)
    {
        var end = at;
        if (text[at] is '-' or '*' or '+')
        {
            end++;
        }
        else
        {
            while (end < text.Length && end - at < 9 && char.IsAsciiDigit(text[end]))
            {
                end++;
            }
            if (end == at || end >= text.Length || text[end] is not ('.' or ')'))
            {
                return 0;
            }
            end++;
        }
        return end >= text.Length || text[end] is ' ' or '\t' or '\n' or '\r' ? end - at : 0;
    }

    private static int SkipPast(string text, int from, string marker)
    {
        var at = text.IndexOf(marker, from, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? text.Length : at + marker.Length;
    }

    private static DocumentUnreadableException TooDeep(string what, int limit) =>
        new($"{what} nested more than {limit} levels deep (the nesting limit); real documents nest far less, so it is refused before parsing");

    /// <summary>Elements without content, or whose end tag HTML lets a parser infer.</summary>
    private static readonly HashSet<string> ImplicitlyClosed =
    [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen",
        "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "option", "optgroup",
        "rb", "rt", "rp", "rtc", "html", "head", "body",
    ];

    private static readonly HashSet<string> RawText = ["script", "style", "textarea", "title", "xmp", "noscript", "iframe", "noembed", "noframes", "plaintext"];
}
