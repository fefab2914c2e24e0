using TacticalRag.Api.Embeddings;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Whether the dense ranking can speak for a text (a question, or a chunk) of a language: where the embedder reads
/// that language, or where the language is not one the library holds in earnest (under
/// <see cref="RetrievalOptions.MinLanguageShare"/> of its chunks). A short question or a passage full of foreign names
/// is often detected as a language the library barely holds (DBpedia's entity queries and abstracts: 11 of 40 and
/// 217 of 5,034); trusting such a guess would take the dense ranking away from English text (docs/decisions.md).
/// </summary>
internal static class DenseReadingRule
{
    public static bool DenseReads(EmbeddingCoverage coverage, string? language, LibraryLanguages library, double minLanguageShare) =>
        coverage.Covers(language) || library.ShareOf(language) < minLanguageShare;

    /// <summary>
    /// Whether a text's language can make <see cref="DenseReads"/> false in this library: only where the library holds
    /// in earnest a language the embedder does not read (or any language counts, at a minimum share of 0). Where it
    /// cannot, the dense ranking speaks for every question and chunk whatever their language, so a search needs
    /// neither the question's language nor its chunks' (an English library with an English embedder: most libraries).
    /// </summary>
    public static bool LanguageMatters(EmbeddingCoverage coverage, LibraryLanguages library, double minLanguageShare)
    {
        if (coverage.Languages is null)
        {
            return false;
        }
        if (minLanguageShare <= 0)
        {
            return true;
        }
        foreach (var (language, _) in library.ChunksByLanguage)
        {
            if (!DenseReads(coverage, language, library, minLanguageShare))
            {
                return true;
            }
        }
        return false;
    }
}
