using System.Text.Json;
using TacticalRag.Api.Ingestion.Extraction;

namespace TacticalRag.UnitTests.Ingestion;

public sealed class SampleLibraryTests
{
    private static readonly IReadOnlyList<EvaluationQuestion> Questions = JsonSerializer.Deserialize<List<EvaluationQuestion>>(
        File.ReadAllText(Path.Combine(SampleLibrary.Folder, "eval", "questions.json")), JsonSerializerOptions.Web)!;

    [Fact]
    public void TheLibraryHasTenDocumentsCoveringAllFiveFormatsEachOfReadableLength()
    {
        var files = SampleLibrary.FileNames;

        Assert.Equal(10, files.Count);
        var formats = files.Select(file => DocumentFormatDetector.Detect(SampleLibrary.Read(file), file).Format!.Format).ToHashSet();
        Assert.Equal(Enum.GetValues<DocumentFileFormat>().ToHashSet(), formats);
        Assert.All(files, file =>
        {
            var words = SampleLibrary.Extract(file).Sections.Sum(section => section.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.InRange(words, 400, 1500);
        });
    }

    [Fact]
    public void TheEvaluationSetHasFortyOrMoreWellFormedQuestionsOfEveryKind()
    {
        Assert.True(Questions.Count >= 40, $"{Questions.Count} questions");
        Assert.Equal(Questions.Count, Questions.Select(question => question.Id).Distinct().Count());
        Assert.All(Questions, question =>
        {
            Assert.Contains(question.Document, SampleLibrary.FileNames);
            Assert.False(string.IsNullOrWhiteSpace(question.Question));
            Assert.False(string.IsNullOrWhiteSpace(question.Evidence));
        });
        Assert.Equal(["complex", "factual", "paraphrase"], Questions.Select(question => question.Kind).Distinct().Order());
        Assert.All(Questions.GroupBy(question => question.Kind), kind => Assert.True(kind.Count() >= 10, $"{kind.Key}: {kind.Count()}"));
    }

    [Theory]
    [InlineData(200, 30)]
    [InlineData(128, 24)]
    public void EveryEvidencePhraseIsWholeInAChunkOfItsDocument(int maxTokens, int overlapTokens)
    {
        var chunker = SampleLibrary.Chunker(maxTokens, overlapTokens);
        var chunksByDocument = SampleLibrary.FileNames.ToDictionary(file => file, file => chunker.Chunk("d", SampleLibrary.Extract(file)));

        Assert.All(Questions, question =>
            Assert.Contains(chunksByDocument[question.Document], chunk => chunk.Text.Contains(question.Evidence, StringComparison.Ordinal)));
    }

    [Fact]
    public void NoEvidencePhraseAppearsInAnotherDocument()
    {
        var textByDocument = SampleLibrary.FileNames.ToDictionary(
            file => file, file => string.Join("\n", SampleLibrary.Extract(file).Sections.Select(section => section.Text)));

        Assert.All(Questions, question => Assert.Empty(textByDocument
            .Where(document => document.Key != question.Document && document.Value.Contains(question.Evidence, StringComparison.OrdinalIgnoreCase))
            .Select(document => document.Key)));
    }

    private sealed record EvaluationQuestion(string Id, string Question, string Document, string Evidence, string Kind);
}
