using System.Text.RegularExpressions;

namespace TacticalRag.ModelServerSim;

/// <summary>
/// The simulator's cross-encoder: a document's relevance is the share of the query's content words it contains
/// (lower-cased, common suffixes stripped, stop words left out). Deterministic and readable, so a test can write
/// passages whose reranked order differs from the order BM25 or fusion gives them.
/// </summary>
internal static partial class SimulatedRelevance
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "do", "does", "for", "from", "how", "in", "is", "it", "its",
        "must", "of", "on", "or", "should", "that", "the", "this", "to", "was", "what", "when", "where", "which", "who",
        "why", "with",
    };

    private static readonly string[] Suffixes = ["ing", "es", "ed", "ly", "s"];

    public static double Score(string query, string document)
    {
        var wanted = ContentWords(query).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return 0;
        }

        var present = ContentWords(document).ToHashSet(StringComparer.Ordinal);
        return (double)wanted.Count(present.Contains) / wanted.Count;
    }

    /// <summary>Documents by score, best first; equal scores keep their input order, as a stable sort does.</summary>
    public static IReadOnlyList<(int Index, double Score)> Rank(string query, IReadOnlyList<string> documents) =>
        documents
            .Select((document, index) => (Index: index, Score: Score(query, document)))
            .OrderByDescending(result => result.Score)
            .ThenBy(result => result.Index)
            .ToList();

    private static IEnumerable<string> ContentWords(string text) =>
        Word().Matches(text.ToLowerInvariant())
            .Select(match => match.Value)
            .Where(word => !StopWords.Contains(word))
            .Select(Stem);

    private static string Stem(string word)
    {
        foreach (var suffix in Suffixes)
        {
            if (word.Length > suffix.Length + 2 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }

    [GeneratedRegex(@"[\p{L}\p{Nd}]+")]
    private static partial Regex Word();
}
