using System.Text;
using TacticalRag.Api.Passages;

namespace TacticalRag.Api.Answering;

/// <summary>
/// An excerpt as Markdown: the matched words in bold, and the passage's own Markdown characters escaped so that
/// document text can neither break the bold marks nor pose as a citation [n].
/// </summary>
internal static class ExcerptMarkdown
{
    private const string Escaped = "\\*_`[]<>#|~";

    /// <summary>
    /// Text from a document (a title, a section heading) as literal Markdown: every character Markdown reads as syntax
    /// escaped and line breaks made spaces, so a title can be neither a link, bold text, nor a fake citation [n].
    /// </summary>
    public static string Escape(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        var markdown = new StringBuilder(line.Length + 8);
        Append(markdown, line, 0, line.Length);
        return markdown.ToString();
    }

    public static string Bold(string text, IReadOnlyList<TextHighlight> highlights)
    {
        var markdown = new StringBuilder(text.Length + highlights.Count * 4);
        var at = 0;
        foreach (var (start, end) in Merged(text, highlights))
        {
            Append(markdown, text, at, start);
            markdown.Append("**");
            Append(markdown, text, start, end);
            markdown.Append("**");
            at = end;
        }
        Append(markdown, text, at, text.Length);
        return markdown.ToString();
    }

    /// <summary>Highlights in order, inside the text, without overlaps; neighbours apart only by spaces join ("**battery life**").</summary>
    private static IEnumerable<(int Start, int End)> Merged(string text, IReadOnlyList<TextHighlight> highlights)
    {
        (int Start, int End)? pending = null;
        foreach (var h in highlights.Where(h => h.Length > 0 && h.Start >= 0 && h.Start + h.Length <= text.Length).OrderBy(h => h.Start))
        {
            var (start, end) = (h.Start, h.Start + h.Length);
            if (pending is { } p && start <= p.End)
            {
                pending = (p.Start, Math.Max(p.End, end));
            }
            else if (pending is { } q && text.AsSpan(q.End, start - q.End).IsWhiteSpace())
            {
                pending = (q.Start, end);
            }
            else
            {
                if (pending is { } done) yield return done;
                pending = (start, end);
            }
        }
        if (pending is { } last) yield return last;
    }

    private static void Append(StringBuilder markdown, string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (Escaped.Contains(text[i])) markdown.Append('\\');
            markdown.Append(text[i]);
        }
    }
}
