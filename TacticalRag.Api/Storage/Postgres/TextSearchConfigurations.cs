namespace TacticalRag.Api.Storage.Postgres;

/// <summary>
/// The PostgreSQL text-search configuration that analyses a chunk's text, from its language (ISO 639-1). Languages
/// PostgreSQL ships a stemmer for get theirs; scripts it cannot split into words (Chinese, Japanese, Korean, Thai)
/// are analysed in the API (<see cref="KeywordLexemes"/>) and stored under <c>simple</c>; anything else is <c>simple</c>
/// (lower-cased words, no stemming). Unknown language (null: chunks stored before detection) is English, as the
/// embedded engine's analyser treats all text.
/// </summary>
internal static class TextSearchConfigurations
{
    public const string Simple = "simple";
    public const string English = "english";

    private static readonly Dictionary<string, string> s_byLanguage = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ar"] = "arabic", ["hy"] = "armenian", ["eu"] = "basque", ["ca"] = "catalan", ["da"] = "danish", ["nl"] = "dutch",
        ["en"] = English, ["fi"] = "finnish", ["fr"] = "french", ["de"] = "german", ["el"] = "greek", ["hi"] = "hindi",
        ["hu"] = "hungarian", ["id"] = "indonesian", ["ga"] = "irish", ["it"] = "italian", ["lt"] = "lithuanian",
        ["ne"] = "nepali", ["no"] = "norwegian", ["nb"] = "norwegian", ["nn"] = "norwegian", ["pt"] = "portuguese",
        ["ro"] = "romanian", ["ru"] = "russian", ["sr"] = "serbian", ["es"] = "spanish", ["sv"] = "swedish",
        ["ta"] = "tamil", ["tr"] = "turkish", ["yi"] = "yiddish",
    };

    /// <summary>The configuration for a chunk in <paramref name="language"/>.</summary>
    public static string For(string? language) =>
        language is null ? English
        : s_byLanguage.TryGetValue(language, out var configuration) ? configuration
        : Simple;

    /// <summary>Every configuration <see cref="For"/> can return.</summary>
    public static IReadOnlyCollection<string> All { get; } = [.. s_byLanguage.Values.Distinct(), Simple];
}
