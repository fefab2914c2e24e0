using System.Text.RegularExpressions;

namespace TacticalRag.Api.Common;

/// <summary>
/// Splits a line into sentences at ., ! or ? followed by a space and a capital, digit or opening quote, except after
/// common abbreviations and initials ("e.g. The", "Sgt. Moreno", "J. Smith").
/// </summary>
internal static partial class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "vs", "approx", "no", "nos", "fig", "figs", "para", "sec", "ch", "ref", "vol", "rev", "ed",
        "mr", "mrs", "ms", "dr", "st", "pvt", "pfc", "spc", "cpl", "sgt", "ssgt", "sfc", "msg", "lt", "capt", "cpt", "maj",
        "col", "gen", "adm", "cmdr", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec", "min", "max", "hr", "hrs",
    };

    public static IEnumerable<string> Split(string line)
    {
        var start = 0;
        foreach (Match boundary in Boundary().Matches(line))
        {
            if (IsAbbreviationBefore(line, boundary.Index))
            {
                continue;
            }
            var sentence = line[start..boundary.Index].Trim();
            if (sentence.Length > 0)
            {
                yield return sentence;
            }
            start = boundary.Index + boundary.Length;
        }
        var last = line[start..].Trim();
        if (last.Length > 0)
        {
            yield return last;
        }
    }

    /// <summary>
    /// The sentences of a whole text as (start, length) ranges into it, trimmed: each line is split as by
    /// <see cref="Split"/>, so a list item or a table row is a sentence of its own.
    /// </summary>
    public static IEnumerable<Range> Ranges(string text)
    {
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            lineEnd = lineEnd < 0 ? text.Length : lineEnd;
            var line = text[lineStart..lineEnd];
            var start = 0;
            foreach (Match boundary in Boundary().Matches(line))
            {
                if (!IsAbbreviationBefore(line, boundary.Index))
                {
                    if (Trimmed(lineStart + start, lineStart + boundary.Index) is { } sentence) yield return sentence;
                    start = boundary.Index + boundary.Length;
                }
            }
            if (Trimmed(lineStart + start, lineEnd) is { } last) yield return last;
            lineStart = lineEnd + 1;
        }

        Range? Trimmed(int from, int to)
        {
            while (from < to && char.IsWhiteSpace(text[from])) from++;
            while (to > from && char.IsWhiteSpace(text[to - 1])) to--;
            return to > from ? from..to : null;
        }
    }

    private static bool IsAbbreviationBefore(string line, int end)
    {
        var wordStart = line.LastIndexOf(' ', Math.Max(end - 1, 0)) + 1;
        var word = line[wordStart..end].TrimStart('(', '"', '\'').TrimEnd('.', '"', '\'', ')', ']');
        return word.Length == 1 && char.IsLetter(word[0]) || Abbreviations.Contains(word);
    }

    [GeneratedRegex(@"(?<=[.!?][""'\)\]]*)\s+(?=[\p{Lu}\p{N}""'\(\[])")]
    private static partial Regex Boundary();
}
