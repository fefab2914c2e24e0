using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace TacticalRag.Api.Storage.Postgres;

/// <summary>
/// Keyword terms PostgreSQL cannot make itself: for scripts without spaces between words (Chinese, Japanese, Korean,
/// Thai) the API analyses the text with Lucene and stores the terms; PostgreSQL indexes them under <c>simple</c>.
/// <see cref="AnalyzerFor"/> is the one place that picks the analysis (Lucene's CJK bigrams for now).
/// </summary>
public static class KeywordLexemes
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly HashSet<string> s_analysedHere = new(StringComparer.OrdinalIgnoreCase) { "zh", "ja", "ko", "th" };

    /// <summary>Whether chunks in <paramref name="language"/> are analysed here instead of by PostgreSQL.</summary>
    public static bool AnalysedInApi(string? language) => language is not null && s_analysedHere.Contains(language);

    /// <summary>Whether a query holds text of a script analysed here (any CJK or Thai character).</summary>
    public static bool NeedsApiAnalysis(string query) => query.Any(IsUnspacedScript);

    /// <summary>The analyser for a language analysed here. The seam where per-language analysers plug in.</summary>
    public static Analyzer AnalyzerFor(string? language) => new CJKAnalyzer(Version);

    /// <summary>The text's terms in order (repeats kept: PostgreSQL ranks by their positions and frequency).</summary>
    public static IReadOnlyList<string> Analyse(string? language, string text)
    {
        using var analyzer = AnalyzerFor(language);
        using var stream = analyzer.GetTokenStream("text", text);
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

    private static bool IsUnspacedScript(char c) =>
        c is >= '\u3040' and <= '\u30FF' // Hiragana, Katakana
            or >= '\u3400' and <= '\u4DBF' // CJK extension A
            or >= '\u4E00' and <= '\u9FFF' // CJK unified ideographs
            or >= '\uAC00' and <= '\uD7AF' // Hangul syllables
            or >= '\u0E00' and <= '\u0E7F' // Thai
            or >= '\uF900' and <= '\uFAFF'; // CJK compatibility ideographs
}
