using TacticalRag.Api.Ingestion.Extraction;

namespace TacticalRag.UnitTests.Ingestion;

/// <summary>A document may mix languages: the chunk is the unit that has one.</summary>
public sealed class MixedLanguageChunkingTests
{
    [Fact]
    public void EachChunkOfAMixedLanguageDocumentGetsItsOwnLanguage()
    {
        var document = new ExtractedDocument("Bilingual manual",
        [
            new ExtractedSection("Charging", null, "Charge the battery for six hours before the first use. Keep it away from water and heat."),
            new ExtractedSection("Laden", null, "Laden Sie den Akku vor dem ersten Gebrauch sechs Stunden lang. Halten Sie ihn von Wasser und Hitze fern."),
            new ExtractedSection("Carga", null, "Cargue la batería durante seis horas antes del primer uso. Manténgala lejos del agua y del calor."),
        ]);

        var chunks = SampleLibrary.Chunker().Chunk("doc", document);

        Assert.Equal(["en", "de", "es"], chunks.Select(c => c.Language));
    }

    [Fact]
    public void AChunkWithoutWordsHasNoLanguage()
    {
        var document = new ExtractedDocument("Numbers", [new ExtractedSection(null, null, "4711 0815 2024-06-01 12:30")]);

        Assert.Null(Assert.Single(SampleLibrary.Chunker().Chunk("doc", document)).Language);
    }
}
