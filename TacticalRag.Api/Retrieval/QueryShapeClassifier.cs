using System.Text.RegularExpressions;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Tells a short factual question ("What is the radio check interval?") from a complex or multi-part one, which
/// needs more passages: long questions, several question marks, comparisons, or clauses joined by "and"/"also".
/// </summary>
internal static partial class QueryShapeClassifier
{
    /// <summary>Beyond this many words a question is complex whatever its form.</summary>
    public const int LongQuestionWords = 16;

    /// <summary>"and" joins two clauses only in a question at least this long; "pros and cons?" is still one.</summary>
    public const int ConjunctionMinWords = 8;

    public static QueryShape Classify(string query)
    {
        var words = WordPattern().Matches(query).Count;
        if (words >= LongQuestionWords || query.Count(c => c == '?') >= 2 || ComparisonPattern().IsMatch(query))
        {
            return QueryShape.Complex;
        }
        return words >= ConjunctionMinWords && ConjunctionPattern().IsMatch(query) ? QueryShape.Complex : QueryShape.Factual;
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’-]*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\b(compare|comparison|contrast|differ|difference|differences|versus|vs\.?|relationship between|pros and cons|advantages and disadvantages)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ComparisonPattern();

    [GeneratedRegex(@"\b(and|also|as well as|both|then)\b|;", RegexOptions.IgnoreCase)]
    private static partial Regex ConjunctionPattern();
}
