using TacticalRag.Api.Retrieval;

namespace TacticalRag.UnitTests.Retrieval;

/// <summary>Keyword search reads each chunk in its own language, and a question in any of them finds its passage.</summary>
public sealed class MultilingualBm25Tests : IDisposable
{
    private readonly Bm25Index _index = new();

    public MultilingualBm25Tests() => _index.AddOrReplace(
    [
        ("en-1", "en", "The generators are refuelled only when cold.", "en"),
        ("de-1", "de", "Die Stromerzeuger werden nur im kalten Zustand betankt.", "de"),
        ("de-2", "de", "Ersatzakkus werden im Winter in der Jacke warm gehalten.", "de"),
        ("ru-1", "ru", "Запасные аккумуляторы зимой держат под курткой.", "ru"),
        ("ru-2", "ru", "Давление в шинах проверяют каждое утро.", "ru"),
        ("zh-1", "zh", "冬天要把备用电池放在外套里保暖。", "zh"),
        ("zh-2", "zh", "车队每天早上出发前都要检查轮胎气压。", "zh"),
        ("es-1", "es", "La presión de los neumáticos se comprueba cada mañana.", "es"),
        ("old", "old", "Passages stored before languages were detected are read as English.", null),
    ]);

    [Theory]
    // German: an inflected form of the passage's word (Akku, Jacke).
    [InlineData("Akkus in Jacken", "de-2")]
    // Russian: other endings of the same words (шина, давление).
    [InlineData("давления шины", "ru-2")]
    // Chinese: written without spaces; the question shares words, not whole phrases.
    [InlineData("检查轮胎", "zh-2")]
    [InlineData("备用电池放在哪里", "zh-1")]
    // Spanish: singular against the passage's plural.
    [InlineData("neumático presión", "es-1")]
    [InlineData("passage detected", "old")]
    public void AQuestionFindsThePassageOfItsLanguageFirst(string question, string expected) =>
        Assert.Equal(expected, _index.Search(question, 5)[0].ChunkId);

    [Fact]
    public void EachLanguageKeepsItsOwnStopWords()
    {
        // "die" is a German stop word, but an English word: an English chunk keeps it searchable.
        _index.AddOrReplace([("en-2", "en", "Batteries die quickly in the cold.", "en")]);

        Assert.Equal("en-2", _index.Search("die", 5).Single().ChunkId);
    }

    [Fact]
    public void RemovingADocumentRemovesItsChunksInEveryLanguage()
    {
        _index.RemoveDocument("zh");

        Assert.DoesNotContain(_index.Search("检查轮胎 备用电池", 10), hit => hit.ChunkId.StartsWith("zh", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("de", "text_de")]
    [InlineData("en", KeywordAnalyzers.DefaultField)]
    [InlineData(null, KeywordAnalyzers.DefaultField)]
    [InlineData("uk", KeywordAnalyzers.GenericField)]
    [InlineData("DE", "text_de")]
    public void EveryLanguageHasAFieldAndTheFieldItsAnalyzer(string? language, string field)
    {
        Assert.Equal(field, KeywordAnalyzers.FieldOf(language));
        Assert.Same(KeywordAnalyzers.For(language is null ? null : language == "uk" ? "xx" : language), KeywordAnalyzers.OfField(field));
    }

    public void Dispose() => _index.Dispose();
}
