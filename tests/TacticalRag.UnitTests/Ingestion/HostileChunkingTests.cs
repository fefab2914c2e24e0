using System.Text;
using TacticalRag.Api.Ingestion.Chunking;
using TacticalRag.Api.Ingestion.Extraction;

namespace TacticalRag.UnitTests.Ingestion;

/// <summary>Text built to make the chunker work hard: runs without spaces, over-long words, chunks the embedder under-counts.</summary>
public sealed class HostileChunkingTests
{
    private static string NumbersWithoutSpaces(int length)
    {
        var text = new StringBuilder();
        for (var n = 0; text.Length < length; n++)
        {
            text.Append(n).Append(',');
        }
        return text.ToString(0, length);
    }

    [Fact]
    public void ARunWithoutSpacesIsCutIntoChunksWithinBothLimitsThatHoldAllOfIt()
    {
        var run = NumbersWithoutSpaces(60_000);
        var chunker = SampleLibrary.Chunker(maxTokens: 200, overlapTokens: 30, maxChars: 2_000);

        var chunks = chunker.Chunk("d", new ExtractedDocument("T", [new ExtractedSection(null, null, run)]));

        Assert.True(chunks.Count > 10);
        Assert.All(chunks, chunk =>
        {
            Assert.InRange(chunk.Tokens, 1, 200);
            Assert.InRange(chunk.Text.Length, 1, 2_000);
            Assert.Equal(chunker.CountTokens(chunk.Text), chunk.Tokens);
            Assert.Contains(chunk.Text.Replace(" ", ""), run);
        });
        Assert.StartsWith(chunks[0].Text.Replace(" ", ""), run);
        Assert.EndsWith(chunks[^1].Text.Replace(" ", ""), run);
        // Cut between numbers, after a comma, never inside one.
        Assert.All(chunks.SelectMany(chunk => chunk.Text.Split(' ')).SkipLast(1), word => Assert.EndsWith(",", word));
    }

    [Fact]
    public void AWordLongerThanTheTokenizerReadsIsSplitIntoWordsItReads()
    {
        var longWord = new string('a', 350);
        var chunks = SampleLibrary.Chunker().Chunk("d", new ExtractedDocument("T", [new ExtractedSection(null, null, $"Before {longWord} after.")]));

        var words = Assert.Single(chunks).Text.Split(' ');
        Assert.All(words, word => Assert.InRange(word.Length, 1, TextPieces.MaxWordChars));
        Assert.Equal("Before" + longWord + "after.", string.Concat(words));
    }

    [Fact]
    public void NoChunkIsLongerThanTheCharacterCapEvenWhenItsWordPiecesWouldFit()
    {
        var prose = string.Join(' ', Enumerable.Repeat("Operators check the antenna mast before every patrol.", 200));
        var chunker = SampleLibrary.Chunker(maxTokens: 200, overlapTokens: 30, maxChars: 300);

        var chunks = chunker.Chunk("d", new ExtractedDocument("T", [new ExtractedSection(null, null, prose)]));

        Assert.All(chunks, chunk => Assert.InRange(chunk.Text.Length, 1, 300));
        Assert.All(chunks, chunk => Assert.True(chunk.Tokens < 100));
    }

    [Fact]
    public void ChunkingStopsWhenItsTokenIsCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var document = new ExtractedDocument("T", [new ExtractedSection(null, null, NumbersWithoutSpaces(10_000))]);

        Assert.ThrowsAny<OperationCanceledException>(() => SampleLibrary.Chunker().Chunk("d", document, cancelled.Token));
    }

    [Fact]
    public void ChunkingOptionsRefuseACharacterCapBelowTheirRange()
    {
        var context = new System.ComponentModel.DataAnnotations.ValidationContext(new ChunkingOptions { MaxChars = 50 });
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(context.ObjectInstance, context, results, validateAllProperties: true));
        Assert.Contains(results, result => result.MemberNames.Contains(nameof(ChunkingOptions.MaxChars)));
    }
}
