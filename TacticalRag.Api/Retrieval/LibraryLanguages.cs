namespace TacticalRag.Api.Retrieval;

/// <summary>
/// The languages of a library's chunks: how many chunks each language holds, out of <see cref="TotalChunks"/>.
/// </summary>
public sealed record LibraryLanguages(IReadOnlyDictionary<string, int> ChunksByLanguage, int TotalChunks)
{
    public static LibraryLanguages Empty { get; } = new(new Dictionary<string, int>(), 0);

    /// <summary>The share (0..1) of the library's chunks written in <paramref name="language"/>; 0 for unknown.</summary>
    public double ShareOf(string? language) =>
        language is null || TotalChunks == 0 ? 0 : (double)ChunksByLanguage.GetValueOrDefault(language) / TotalChunks;
}
