using System.Collections.Frozen;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Icu;
using Lucene.Net.Analysis.Icu.Segmentation;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// How keyword search reads each language: the Lucene analyzer for an ISO 639-1 code (stemming and stop words from
/// Lucene.Net.Analysis.Common where it has them; ICU word segmentation for scripts written without spaces; bigrams for
/// Chinese, Japanese and Korean), and the index field a chunk of that language is indexed in. One place for that choice,
/// so that every engine that computes lexemes (the in-memory BM25 index, a database's text search) reads a language
/// the same way; docs/decisions.md has the measurements behind each choice.
/// </summary>
public static class KeywordAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>The field of English, and of chunks whose language is not known (as all were before detection).</summary>
    public const string DefaultField = "text";

    /// <summary>The field of a language with no analysis of its own: Unicode word breaks and lower case, no stemming.</summary>
    public const string GenericField = "text_std";

    private static readonly Analyzer English = new Lucene.Net.Analysis.En.EnglishAnalyzer(Version);
    private static readonly Analyzer Generic = new StandardAnalyzer(Version, CharArraySet.Empty);

    private static readonly FrozenDictionary<string, Analyzer> ByLanguage = new Dictionary<string, Analyzer>(StringComparer.Ordinal)
    {
        ["ar"] = new Lucene.Net.Analysis.Ar.ArabicAnalyzer(Version),
        ["bg"] = new Lucene.Net.Analysis.Bg.BulgarianAnalyzer(Version),
        ["ca"] = new Lucene.Net.Analysis.Ca.CatalanAnalyzer(Version),
        ["cs"] = new Lucene.Net.Analysis.Cz.CzechAnalyzer(Version),
        ["da"] = new Lucene.Net.Analysis.Da.DanishAnalyzer(Version),
        ["de"] = new Lucene.Net.Analysis.De.GermanAnalyzer(Version),
        ["el"] = new Lucene.Net.Analysis.El.GreekAnalyzer(Version),
        ["es"] = new Lucene.Net.Analysis.Es.SpanishAnalyzer(Version),
        ["eu"] = new Lucene.Net.Analysis.Eu.BasqueAnalyzer(Version),
        ["fa"] = new Lucene.Net.Analysis.Fa.PersianAnalyzer(Version),
        ["fi"] = new Lucene.Net.Analysis.Fi.FinnishAnalyzer(Version),
        ["fr"] = new Lucene.Net.Analysis.Fr.FrenchAnalyzer(Version),
        ["ga"] = new Lucene.Net.Analysis.Ga.IrishAnalyzer(Version),
        ["gl"] = new Lucene.Net.Analysis.Gl.GalicianAnalyzer(Version),
        ["hi"] = new Lucene.Net.Analysis.Hi.HindiAnalyzer(Version),
        ["hu"] = new Lucene.Net.Analysis.Hu.HungarianAnalyzer(Version),
        ["hy"] = new Lucene.Net.Analysis.Hy.ArmenianAnalyzer(Version),
        ["id"] = new Lucene.Net.Analysis.Id.IndonesianAnalyzer(Version),
        ["it"] = new Lucene.Net.Analysis.It.ItalianAnalyzer(Version),
        ["lv"] = new Lucene.Net.Analysis.Lv.LatvianAnalyzer(Version),
        ["nb"] = new Lucene.Net.Analysis.No.NorwegianAnalyzer(Version),
        ["nn"] = new Lucene.Net.Analysis.No.NorwegianAnalyzer(Version),
        ["nl"] = new Lucene.Net.Analysis.Nl.DutchAnalyzer(Version),
        ["pt"] = new Lucene.Net.Analysis.Pt.PortugueseAnalyzer(Version),
        ["ro"] = new Lucene.Net.Analysis.Ro.RomanianAnalyzer(Version),
        ["ru"] = new Lucene.Net.Analysis.Ru.RussianAnalyzer(Version),
        ["sv"] = new Lucene.Net.Analysis.Sv.SwedishAnalyzer(Version),
        ["tr"] = new Lucene.Net.Analysis.Tr.TurkishAnalyzer(Version),
        ["th"] = new Lucene.Net.Analysis.Th.ThaiAnalyzer(Version),
        // Chinese: overlapping bigrams over the Han characters (docs/decisions.md compares SmartCn's word segmentation).
        ["zh"] = new Lucene.Net.Analysis.Cjk.CJKAnalyzer(Version),
        ["ja"] = new Lucene.Net.Analysis.Cjk.CJKAnalyzer(Version),
        ["ko"] = new Lucene.Net.Analysis.Cjk.CJKAnalyzer(Version),
        // Written without spaces between words, and unknown to Lucene's per-language analyzers: ICU's dictionary segmentation.
        ["lo"] = new IcuWordAnalyzer(),
        ["km"] = new IcuWordAnalyzer(),
        ["my"] = new IcuWordAnalyzer(),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The languages read with an analysis of their own (English included).</summary>
    public static IReadOnlyCollection<string> Languages { get; } = [.. ByLanguage.Keys.Append("en").Order(StringComparer.Ordinal)];

    /// <summary>
    /// The analyzer for text in <paramref name="language"/> (ISO 639-1): English for "en" and for an unknown language
    /// (null), a plain Unicode one for a language without its own. Analyzers are thread-safe and shared: do not dispose.
    /// </summary>
    public static Analyzer For(string? language) =>
        language is null or "en" ? English : ByLanguage.GetValueOrDefault(Normalize(language), Generic);

    /// <summary>The index field that text in <paramref name="language"/> is indexed in, each field with its own analyzer.</summary>
    public static string FieldOf(string? language)
    {
        if (language is null or "en")
        {
            return DefaultField;
        }
        var code = Normalize(language);
        return code == "en" ? DefaultField : ByLanguage.ContainsKey(code) ? "text_" + code : GenericField;
    }

    /// <summary>One analyzer for a document holding every field <see cref="FieldOf"/> names (for an index writer).</summary>
    public static Analyzer PerField { get; } = new PerFieldAnalyzerWrapper(
        English,
        ByLanguage.ToDictionary(p => "text_" + p.Key, p => p.Value, StringComparer.Ordinal).Append(new(GenericField, Generic))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    /// <summary>The analyzer of an index field <see cref="FieldOf"/> named.</summary>
    public static Analyzer OfField(string field) =>
        field == DefaultField ? English
        : field == GenericField ? Generic
        : ByLanguage.GetValueOrDefault(field["text_".Length..], Generic);

    private static string Normalize(string language) => language.Trim().ToLowerInvariant();

    /// <summary>ICU word segmentation (dictionary-based for Lao, Khmer, Burmese, Thai), then Unicode case and accent folding.</summary>
    private sealed class IcuWordAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new ICUTokenizer(reader);
            return new TokenStreamComponents(tokenizer, new ICUFoldingFilter(tokenizer));
        }
    }
}
