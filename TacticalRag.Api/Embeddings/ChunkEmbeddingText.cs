using TacticalRag.Api.Library;

namespace TacticalRag.Api.Embeddings;

/// <summary>
/// What is embedded for a chunk: its document's title and section heading, then its text. The prefix tells the model
/// what the passage is about (measured in docs/decisions.md). Every producer of chunk vectors must use this, or vectors
/// made at different times would not be comparable.
/// </summary>
public static class ChunkEmbeddingText
{
    /// <summary>Longest title or heading kept in the prefix: the chunker leaves about 50 word pieces for it.</summary>
    public const int MaxPrefixPartChars = 80;

    public static string For(string title, DocumentChunk chunk) => For(title, chunk.Section, chunk.Text);

    /// <summary>The same text from a retrieved passage's parts (the reranker reads passages as they were embedded).</summary>
    public static string For(string title, string? section, string text)
    {
        var prefix = Shorten(title);
        if (section is { Length: > 0 } && !string.Equals(section, title, StringComparison.OrdinalIgnoreCase))
        {
            prefix += " - " + Shorten(section);
        }
        return prefix.Length == 0 ? text : prefix + "\n" + text;
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= MaxPrefixPartChars ? line : line[..MaxPrefixPartChars].TrimEnd();
    }
}
