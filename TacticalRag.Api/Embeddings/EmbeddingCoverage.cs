namespace TacticalRag.Api.Embeddings;

/// <summary>
/// The languages the configured embedder reads well, as ISO 639-1 codes; <see cref="Languages"/> null means any
/// language (a multilingual model). Retrieval consults it so that a dense ranking made outside the embedder's languages
/// does not drag down a keyword ranking that can read them.
/// </summary>
public sealed record EmbeddingCoverage(IReadOnlySet<string>? Languages)
{
    /// <summary>An English-only embedder (both in-process ONNX models).</summary>
    public static EmbeddingCoverage EnglishOnly { get; } = new(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "en" });

    /// <summary>A multilingual embedder.</summary>
    public static EmbeddingCoverage AnyLanguage { get; } = new((IReadOnlySet<string>?)null);

    /// <summary>True when the embedder reads <paramref name="language"/>; an unknown language (null) counts as covered.</summary>
    public bool Covers(string? language) => Languages is null || language is null || Languages.Contains(language);
}
