using System.Text.RegularExpressions;

namespace TacticalRag.Api.Answering;

/// <summary>Reads the [n] markers of an answer back to the numbered sources it was given.</summary>
internal static partial class CitationParser
{
    [GeneratedRegex(@"\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\]")]
    private static partial Regex Marker();

    /// <summary>Source numbers cited, in order of first appearance, ignoring numbers that match no source.</summary>
    public static IReadOnlyList<int> CitedIndexes(string answer, int sourceCount)
    {
        List<int> cited = [];
        foreach (Match match in Marker().Matches(answer))
        {
            foreach (var part in match.Groups[1].Value.Split([',', ';'], StringSplitOptions.TrimEntries))
            {
                if (int.TryParse(part, out var index) && index >= 1 && index <= sourceCount && !cited.Contains(index))
                {
                    cited.Add(index);
                }
            }
        }
        return cited;
    }

    /// <summary>The cited sources, in source order, so the list reads [1], [3], ... like the answer's markers.</summary>
    public static IReadOnlyList<Citation> Cited(string answer, IReadOnlyList<Citation> sources)
    {
        var cited = CitedIndexes(answer, sources.Count == 0 ? 0 : sources.Max(s => s.Index));
        return sources.Where(s => cited.Contains(s.Index)).ToArray();
    }
}
