using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Library;

namespace TacticalRag.UnitTests.Retrieval;

public sealed class ChunkEmbeddingTextTests
{
    [Fact]
    public void TheTitleAndSectionComeBeforeTheText() =>
        Assert.Equal("Generator manual - Refuelling\nLet it cool.", ChunkEmbeddingText.For("Generator manual", Chunk("Refuelling")));

    [Fact]
    public void ASectionMissingOrEqualToTheTitleIsLeftOut()
    {
        Assert.Equal("Generator manual\nLet it cool.", ChunkEmbeddingText.For("Generator manual", Chunk(null)));
        Assert.Equal("Generator manual\nLet it cool.", ChunkEmbeddingText.For("Generator manual", Chunk("generator MANUAL")));
    }

    [Fact]
    public void LongTitlesAndHeadingsAreShortenedSoTheTextStillFitsTheModel()
    {
        var text = ChunkEmbeddingText.For(new string('t', 500), Chunk("Line one\nline two " + new string('s', 500)));

        var prefix = text[..text.IndexOf('\n')];
        Assert.True(prefix.Length <= 2 * ChunkEmbeddingText.MaxPrefixPartChars + 3, prefix);
        Assert.StartsWith("Line one line two", prefix[(ChunkEmbeddingText.MaxPrefixPartChars + 3)..]);
        Assert.EndsWith("\nLet it cool.", text);
    }

    private static DocumentChunk Chunk(string? section) => new("d-00000", "d", 0, "Let it cool.", section, null, 4);
}
