using System.Text.RegularExpressions;

namespace TacticalRag.Api.Ingestion.Chunking;

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

    private static bool IsAbbreviationBefore(string line, int end)
    {
        var wordStart = line.LastIndexOf(' ', Math.Max(end - 1, 0)) + 1;
        var word = line[wordStart..end].TrimStart('(', '"', '\'').TrimEnd('.', '"', '\'', ')', ']');
        return word.Length == 1 && char.IsLetter(word[0]) || Abbreviations.Contains(word);
    }

    [GeneratedRegex(@"(?<=[.!?][""'\)\]]*)\s+(?=[\p{Lu}\p{N}""'\(\[])")]
    private static partial Regex Boundary();
}
