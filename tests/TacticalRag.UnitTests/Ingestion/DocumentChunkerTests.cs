using TacticalRag.Api.Common;
using TacticalRag.Api.Ingestion.Chunking;
using TacticalRag.Api.Ingestion.Extraction;
using TacticalRag.Api.Library;

namespace TacticalRag.UnitTests.Ingestion;

public sealed class DocumentChunkerTests
{
    private static readonly DocumentChunker Chunker = SampleLibrary.Chunker(maxTokens: 64, overlapTokens: 16);

    public static TheoryData<string> SampleFiles => [.. SampleLibrary.FileNames];

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void EveryChunkOfASampleFitsTheLimitAndLiesWithinOneSection(string fileName)
    {
        var document = SampleLibrary.Extract(fileName);

        foreach (var (maxTokens, overlapTokens) in new[] { (200, 30), (64, 16), (32, 0) })
        {
            var chunks = SampleLibrary.Chunker(maxTokens, overlapTokens).Chunk("d", document);

            Assert.All(chunks, chunk =>
            {
                Assert.InRange(chunk.Tokens, 1, maxTokens);
                Assert.Equal(Chunker.CountTokens(chunk.Text), chunk.Tokens);
                var sections = document.Sections.Where(section => section.Heading == chunk.Section).Select(section => section.Text);
                Assert.Contains(sections, text => text.Contains(FirstSentence(chunk.Text), StringComparison.Ordinal));
            });
        }
    }

    [Fact]
    public void AChunkNeverSpansTwoHeadings()
    {
        var document = new ExtractedDocument("T", [
            new ExtractedSection("Alpha", null, Sentences("Alpha fact", 3)),
            new ExtractedSection("Bravo", null, Sentences("Bravo fact", 3)),
        ]);

        var chunks = SampleLibrary.Chunker().Chunk("d", document);

        Assert.Equal(2, chunks.Count);
        Assert.Equal(("Alpha", false), (chunks[0].Section, chunks[0].Text.Contains("Bravo")));
        Assert.Equal(("Bravo", false), (chunks[1].Section, chunks[1].Text.Contains("Alpha")));
    }

    [Fact]
    public void TrailingSentencesAreRepeatedAtTheStartOfTheNextChunkOfTheSameSection()
    {
        var document = new ExtractedDocument("T", [new ExtractedSection("Long", null, Sentences("Checkpoint report", 40))]);

        var chunks = Chunker.Chunk("d", document);

        Assert.True(chunks.Count > 2);
        foreach (var (previous, next) in chunks.Zip(chunks.Skip(1)))
        {
            var repeated = FirstSentence(next.Text);
            Assert.EndsWith(repeated, previous.Text);
            Assert.InRange(Chunker.CountTokens(repeated), 1, 16);
        }
    }

    [Fact]
    public void WithoutOverlapNothingIsRepeated()
    {
        var document = new ExtractedDocument("T", [new ExtractedSection("Long", null, Sentences("Checkpoint report", 40))]);

        var chunks = SampleLibrary.Chunker(maxTokens: 64, overlapTokens: 0).Chunk("d", document);

        Assert.Equal(Sentences("Checkpoint report", 40), string.Join("\n\n", chunks.Select(chunk => chunk.Text)));
    }

    [Fact]
    public void AChunkEndsAtAParagraphBreakRatherThanMidParagraph()
    {
        var first = string.Join(' ', Enumerable.Range(1, 9).Select(i => $"First paragraph sentence number {i} is here."));
        var second = string.Join(' ', Enumerable.Range(1, 9).Select(i => $"Second paragraph sentence number {i} is here."));
        var document = new ExtractedDocument("T", [new ExtractedSection(null, null, $"{first}\n\n{second}")]);

        var chunks = SampleLibrary.Chunker(maxTokens: 120, overlapTokens: 0).Chunk("d", document);

        Assert.Equal([first, second], chunks.Select(chunk => chunk.Text));
    }

    [Fact]
    public void ASentenceLongerThanAChunkIsCutByTokensWithoutLosingWords()
    {
        var words = Enumerable.Range(1, 400).Select(i => $"word{i}").ToList();
        var hugeWord = new string('x', 3000);
        var document = new ExtractedDocument("T", [new ExtractedSection(null, null, string.Join(' ', words) + " " + hugeWord)]);

        var chunks = Chunker.Chunk("d", document);

        Assert.All(chunks, chunk => Assert.InRange(chunk.Tokens, 1, 64));
        Assert.Equal(string.Join(' ', words), string.Join(' ', chunks.Select(chunk => chunk.Text)).Split(" x")[0]);
        Assert.Equal(hugeWord, string.Concat(chunks.SelectMany(chunk => chunk.Text.Split(' ')).Where(word => word.StartsWith('x'))));
    }

    [Fact]
    public void AChunkCarriesThePageWhereItStartsAcrossAPageBreakInOneSection()
    {
        var document = new ExtractedDocument("T", [
            new ExtractedSection("Specs", 1, Sentences("Page one fact", 6)),
            new ExtractedSection("Specs", 2, Sentences("Page two fact", 6)),
        ]);

        var chunks = Chunker.Chunk("d", document);

        Assert.Equal(1, chunks[0].Page);
        Assert.Contains(chunks, chunk => chunk.Page == 1 && chunk.Text.Contains("Page two fact"));
        Assert.Equal(2, chunks[^1].Page);
        Assert.All(chunks, chunk => Assert.Equal("Specs", chunk.Section));
    }

    [Fact]
    public void PdfChunksKeepTheirPages()
    {
        var chunks = SampleLibrary.Chunker().Chunk("d", SampleLibrary.Extract("an-prc-990-operator-manual.pdf"));

        Assert.Equal(1, chunks.Single(chunk => chunk.Text.Contains("Battery life: 18 hours")).Page);
        Assert.Equal(2, chunks.Single(chunk => chunk.Text.Contains("E-47: key expired")).Page);
    }

    [Fact]
    public void OrdinalsRunFromZeroAndIdsAreTheSameOnEveryRun()
    {
        var document = SampleLibrary.Extract("radio-procedures-sop.md");

        var first = Chunker.Chunk("0123456789abcdef", document);
        var second = Chunker.Chunk("0123456789abcdef", document);

        Assert.Equal(Enumerable.Range(0, first.Count), first.Select(chunk => chunk.Ordinal));
        Assert.All(first, chunk => Assert.Equal(DocumentChunk.MakeId("0123456789abcdef", chunk.Ordinal), chunk.Id));
        Assert.All(first, chunk => Assert.Equal("0123456789abcdef", chunk.DocumentId));
        Assert.Equal(first, second);
    }

    [Fact]
    public void AbbreviationsAndInitialsDoNotEndASentence()
    {
        var sentences = SentenceSplitter.Split("Sgt. Raman checks e.g. the tourniquet at approx. 0700 with J. Smith. Then the medic reports! Is it done? Yes.");

        Assert.Equal(["Sgt. Raman checks e.g. the tourniquet at approx. 0700 with J. Smith.", "Then the medic reports!", "Is it done?", "Yes."], sentences);
    }

    [Fact]
    public void LineBreaksAndSymbolsCountAsTheEmbedderSeesThem()
    {
        var chunker = SampleLibrary.Chunker();

        Assert.Equal(chunker.CountTokens("Item | Value") + chunker.CountTokens("Fuel | JP-8"), chunker.CountTokens("Item | Value\nFuel | JP-8"));
        Assert.Equal(3, chunker.CountTokens("Item | Value"));
    }

    private static string Sentences(string subject, int count) =>
        string.Join("\n\n", Enumerable.Range(1, count).Select(i => $"{subject} {i} is recorded at grid {i * 7}."));

    private static string FirstSentence(string text) => text.Split(". ")[0].Split('\n')[0];
}
