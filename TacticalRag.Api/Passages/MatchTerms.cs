using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace TacticalRag.Api.Passages;

/// <summary>A word of a text as keyword search sees it: its stem, where it stands in the text.</summary>
public readonly record struct StemmedToken(string Stem, int Start, int End);

/// <summary>
/// The words of questions and passages as keyword search indexes them (Lucene's English analysis, as in
/// <see cref="Retrieval.Bm25Index"/>): stemmed, so "batteries" meets "battery", with stop words left out.
/// </summary>
internal static class MatchTerms
{
    // Question words carry no content; the analyzer's stop list is for documents and keeps them.
    private static readonly HashSet<string> QuestionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "do", "does", "did", "can", "could",
        "should", "would", "i", "you", "we", "me", "my", "your", "our", "about", "tell", "much", "many", "has", "have",
        "had", "any", "its", "s",
    };

    private static readonly Analyzer Analyzer = new EnglishAnalyzer(LuceneVersion.LUCENE_48);

    /// <summary>The distinct stems of a question's content words.</summary>
    public static IReadOnlySet<string> OfQuestion(string question) =>
        Tokens(question).Where(t => !QuestionWords.Contains(question[t.Start..t.End])).Select(t => t.Stem).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every content word of a text, in order, with its place in the text.</summary>
    public static IReadOnlyList<StemmedToken> Tokens(string text)
    {
        var tokens = new List<StemmedToken>();
        using var stream = Analyzer.GetTokenStream("text", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(new StemmedToken(term.ToString(), offset.StartOffset, offset.EndOffset));
        }
        stream.End();
        return tokens;
    }
}
