using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.Api.Storage.Postgres;

/// <summary>
/// Keyword terms PostgreSQL cannot make itself: for scripts written without spaces between words (Chinese, Japanese,
/// Korean, Thai, Lao, Khmer, Burmese), which no PostgreSQL text-search configuration splits, the API analyses the text
/// and stores the terms; PostgreSQL indexes them under <c>simple</c>. The analysis is <see cref="KeywordAnalyzers"/>'s,
/// so the embedded and the PostgreSQL engines read those scripts alike (CJK bigrams, Thai and ICU dictionary words).
/// </summary>
internal static class KeywordLexemes
{
    /// <summary>The languages analysed here, and the one whose analysis reads text of unknown language in each script.</summary>
    private static readonly HashSet<string> s_analysedHere = new(StringComparer.OrdinalIgnoreCase) { "zh", "ja", "ko", "th", "lo", "km", "my" };

    /// <summary>Whether chunks in <paramref name="language"/> are analysed here instead of by PostgreSQL.</summary>
    public static bool AnalysedInApi(string? language) => language is not null && s_analysedHere.Contains(language.Trim());

    /// <summary>Whether a text holds a script analysed here (any CJK, Thai, Lao, Khmer or Burmese character).</summary>
    public static bool NeedsApiAnalysis(string text) => text.Any(c => ScriptLanguage(c) is not null);

    /// <summary>
    /// The analyzer for a language analysed here; for an unknown language (null: a query, a chunk stored before
    /// detection), the analyzer of the first unspaced script in <paramref name="text"/>. Shared: do not dispose.
    /// </summary>
    public static Analyzer AnalyzerFor(string? language, string text) =>
        KeywordAnalyzers.For(AnalysedInApi(language) ? language!.Trim().ToLowerInvariant() : text.Select(ScriptLanguage).FirstOrDefault(l => l is not null) ?? "zh");

    /// <summary>The text's terms in order (repeats kept: PostgreSQL ranks by their positions and frequency).</summary>
    public static IReadOnlyList<string> Analyse(string? language, string text)
    {
        using var stream = AnalyzerFor(language, text).GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var terms = new List<string>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }
        stream.End();
        return terms;
    }

    /// <summary>The language whose analysis reads a character of an unspaced script (null: a spaced script).</summary>
    private static string? ScriptLanguage(char c) => c switch
    {
        >= '\u3040' and <= '\u30FF' => "ja", // Hiragana, Katakana
        >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' => "zh", // CJK ideographs
        >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF' => "ko", // Hangul
        >= '\u0E00' and <= '\u0E7F' => "th",
        >= '\u0E80' and <= '\u0EFF' => "lo",
        >= '\u1780' and <= '\u17FF' => "km",
        >= '\u1000' and <= '\u109F' => "my",
        _ => null,
    };
}
