using Lingua;

namespace TacticalRag.Api.Languages;

/// <summary>
/// The language a text is written in, as an ISO 639-1 code (null when it cannot be told: no letters, or too little
/// to go on). Used on each chunk at ingestion and on each question at search time, so it must be cheap on a short
/// question: Lingua in low-accuracy mode over the languages retrieval analyses one by one (docs/decisions.md: 0.2-0.3 ms
/// a question, 96.6 % of 6,050 questions in five languages right, about 50 MB of models), after a check of the
/// scripts Lingua does not know (Lao, Khmer, Burmese), which are told apart by their letters alone.
/// </summary>
public sealed class TextLanguageDetector
{
    /// <summary>Lingua's candidates: the languages with their own keyword analysis, and their close neighbours.</summary>
    private static readonly Language[] Candidates =
    [
        Language.English, Language.German, Language.Spanish, Language.French, Language.Italian, Language.Portuguese,
        Language.Dutch, Language.Swedish, Language.Danish, Language.Bokmal, Language.Nynorsk, Language.Finnish,
        Language.Russian, Language.Ukrainian, Language.Bulgarian, Language.Polish, Language.Czech, Language.Hungarian,
        Language.Romanian, Language.Turkish, Language.Greek, Language.Persian, Language.Arabic, Language.Hindi,
        Language.Indonesian, Language.Irish, Language.Latvian, Language.Basque, Language.Catalan, Language.Armenian,
        Language.Thai, Language.Chinese, Language.Japanese, Language.Korean,
    ];

    private static readonly (char First, char Last, string Code)[] ScriptsOfOneLanguage =
    [
        ('\u0E80', '\u0EFF', "lo"), // Lao
        ('\u1780', '\u17FF', "km"), // Khmer
        ('\u1000', '\u109F', "my"), // Myanmar (Burmese)
    ];

    /// <summary>
    /// Built on first use, with every candidate's model loaded at once (about 0.4 s, 47 MB): loaded lazily, a model is
    /// looked up on every detection (docs/decisions.md: a question p50 0.32 ms and p90 4.2 ms lazily, 0.21 and 0.44 ms preloaded).
    /// </summary>
    private readonly Lazy<LanguageDetector> _detector = new(() =>
        LanguageDetectorBuilder.FromLanguages(Candidates).WithLowAccuracyMode().WithPreloadedLanguageModels().Build());

    /// <summary>The languages <see cref="Detect"/> can answer, as ISO 639-1 codes.</summary>
    public static IReadOnlyList<string> Detectable { get; } =
        [.. Candidates.Select(Code), .. ScriptsOfOneLanguage.Select(s => s.Code)];

    /// <summary>The ISO 639-1 code of the text's language, or null when it cannot be told.</summary>
    public string? Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (ScriptOfOneLanguage(text) is { } code)
        {
            return code;
        }
        var language = _detector.Value.DetectLanguageOf(text);
        return language == Language.Unknown ? null : Code(language);
    }

    private static string Code(Language language) => LanguageInfo.IsoCode6391(language).ToString().ToLowerInvariant();

    /// <summary>The language whose own script writes most of the text's letters, for scripts Lingua has no model of.</summary>
    private static string? ScriptOfOneLanguage(string text)
    {
        Span<int> counts = stackalloc int[ScriptsOfOneLanguage.Length];
        var letters = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c) && char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark))
            {
                continue;
            }
            letters++;
            for (var i = 0; i < ScriptsOfOneLanguage.Length; i++)
            {
                if (c >= ScriptsOfOneLanguage[i].First && c <= ScriptsOfOneLanguage[i].Last)
                {
                    counts[i]++;
                }
            }
        }
        for (var i = 0; i < counts.Length; i++)
        {
            if (letters > 0 && counts[i] * 2 > letters)
            {
                return ScriptsOfOneLanguage[i].Code;
            }
        }
        return null;
    }
}
