using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.UnitTests.Retrieval;

/// <summary>
/// The dense ranking is set aside for a language the embedder cannot read only where the library holds that language
/// in earnest: a short English question or passage misdetected as another language keeps its dense ranking.
/// </summary>
public sealed class DenseReadingRuleTests
{
    private const double MinShare = 0.05;

    private static readonly LibraryLanguages MostlyEnglishWithAFewGermanGuesses = new(
        new Dictionary<string, int> { ["en"] = 960, ["de"] = 30, ["nl"] = 10 }, 1000);

    [Theory]
    [InlineData("en", true)]   // read by the embedder
    [InlineData(null, true)]   // unknown counts as read
    [InlineData("de", true)]   // 3 % of the library: more likely a wrong guess than a German library
    [InlineData("fi", true)]   // a language the library does not hold at all
    public void AnEnglishEmbedderKeepsTheDenseRankingForLanguagesTheLibraryBarelyHolds(string? language, bool reads) =>
        Assert.Equal(reads, DenseReadingRule.DenseReads(EmbeddingCoverage.EnglishOnly, language, MostlyEnglishWithAFewGermanGuesses, MinShare));

    [Fact]
    public void ALanguageTheLibraryHoldsInEarnestIsOutsideAnEnglishEmbeddersReading()
    {
        var halfGerman = new LibraryLanguages(new Dictionary<string, int> { ["en"] = 50, ["de"] = 50 }, 100);

        Assert.False(DenseReadingRule.DenseReads(EmbeddingCoverage.EnglishOnly, "de", halfGerman, MinShare));
        Assert.True(DenseReadingRule.DenseReads(EmbeddingCoverage.AnyLanguage, "de", halfGerman, MinShare));
    }

    [Fact]
    public void ALibraryWhoseOtherLanguagesAreStrayGuessesNeedsNoQuestionLanguage()
    {
        // Detection is skipped where it can change nothing: then every language must keep the dense ranking.
        Assert.False(DenseReadingRule.LanguageMatters(EmbeddingCoverage.EnglishOnly, MostlyEnglishWithAFewGermanGuesses, MinShare));
        Assert.All(new string?[] { "en", "de", "nl", "fi", "zh", null },
            language => Assert.True(DenseReadingRule.DenseReads(EmbeddingCoverage.EnglishOnly, language, MostlyEnglishWithAFewGermanGuesses, MinShare)));
        Assert.False(DenseReadingRule.LanguageMatters(EmbeddingCoverage.EnglishOnly, LibraryLanguages.Empty, MinShare));
    }

    [Fact]
    public void ALanguageHeldInEarnestOutsideTheEmbeddersReadingMakesTheQuestionsLanguageMatter()
    {
        var halfGerman = new LibraryLanguages(new Dictionary<string, int> { ["en"] = 50, ["de"] = 50 }, 100);

        Assert.True(DenseReadingRule.LanguageMatters(EmbeddingCoverage.EnglishOnly, halfGerman, MinShare));
        // A multilingual embedder reads them all.
        Assert.False(DenseReadingRule.LanguageMatters(EmbeddingCoverage.AnyLanguage, halfGerman, MinShare));
        // At a minimum share of 0 any language outside the embedder's reading counts, held or not.
        Assert.True(DenseReadingRule.LanguageMatters(EmbeddingCoverage.EnglishOnly, LibraryLanguages.Empty, 0));
        Assert.False(DenseReadingRule.DenseReads(EmbeddingCoverage.EnglishOnly, "fi", LibraryLanguages.Empty, 0));
    }

    [Fact]
    public async Task TheEmbeddedEngineCountsChunksPerLanguageAsDocumentsComeGoAndAreReplaced()
    {
        var index = new SearchIndex();
        ISearchEngine engine = index;
        index.AddRange([Chunk("a", 0, "en"), Chunk("a", 1, "de"), Chunk("b", 0, "de"), Chunk("b", 1, null)]);

        var languages = await engine.GetLanguagesAsync(CancellationToken.None);
        Assert.Equal(4, languages.TotalChunks);
        Assert.Equal(0.5, languages.ShareOf("de"));
        Assert.Equal(0.25, languages.ShareOf("en"));
        Assert.Equal(0, languages.ShareOf(null));

        index.ReplaceDocument("a", [Chunk("a", 0, "en"), Chunk("a", 1, "en")]);
        index.RemoveDocument("b");

        languages = await engine.GetLanguagesAsync(CancellationToken.None);
        Assert.Equal(2, languages.TotalChunks);
        Assert.Equal(1.0, languages.ShareOf("en"));
        Assert.Equal(0, languages.ShareOf("de"));
    }

    private static IndexedChunk Chunk(string documentId, int ordinal, string? language) =>
        new(new DocumentChunk(DocumentChunk.MakeId(documentId, ordinal), documentId, ordinal, $"text {documentId} {ordinal}", null, null, 3, language), documentId, null);
}
