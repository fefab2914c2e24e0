using Microsoft.Extensions.DependencyInjection;
using TacticalRag.Api.Retrieval;
using TacticalRag.TestSupport.Evaluation;
using Xunit.Abstractions;

namespace TacticalRag.Api.Tests.Retrieval;

/// <summary>The sample library, extracted, chunked, embedded and indexed in-process once for the class, then evaluated.</summary>
public sealed class EvaluatedSampleLibrary : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    public EvaluationReport Report { get; private set; } = null!;

    public int Questions { get; private set; }

    public async Task InitializeAsync()
    {
        var samples = SampleLibrary.Find(AppContext.BaseDirectory, Directory.GetCurrentDirectory())
            ?? throw new DirectoryNotFoundException("No samples/eval/questions.json above the test's folder.");
        _services = EvaluationServices.Build();
        var documents = await _services.GetRequiredService<LibraryFolderIndexer>().IndexAsync(samples, CancellationToken.None);
        var questions = await RetrievalEvaluation.LoadQuestionsAsync(Path.Combine(samples, SampleLibrary.QuestionsFile), CancellationToken.None);
        Questions = questions.Count;
        Report = await _services.GetRequiredService<RetrievalEvaluation>()
            .RunAsync(questions, documents, RetrievalEvaluation.AllModes, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();
}

/// <summary>
/// Retrieval quality on <c>samples/eval/questions.json</c> with the default embedding model and fusion. Floors sit a
/// little under what was measured (BM25 0.904 / 0.822, dense 0.942 / 0.888, hybrid 0.981 / 0.916 for hit@5 / MRR@10
/// over 52 questions), so a change that makes retrieval worse fails here. The public sets the defaults were chosen on
/// are measured by the bench's <c>eval</c> suite (docs/decisions.md); <see cref="PublicTextRetrievalTests"/> keeps a
/// small public-domain fixture.
/// </summary>
public sealed class RetrievalQualityTests(EvaluatedSampleLibrary library, ITestOutputHelper output) : IClassFixture<EvaluatedSampleLibrary>
{
    [Fact]
    public void EveryQuestionsEvidenceIsInAChunkOfItsDocument()
    {
        Assert.Empty(library.Report.UnresolvedQuestions);
        Assert.True(library.Questions >= 40, $"The evaluation set has {library.Questions} questions; it needs at least 40.");
    }

    [Theory]
    [InlineData(RetrievalMode.Keyword, 0.88, 0.80)]
    [InlineData(RetrievalMode.Dense, 0.92, 0.86)]
    [InlineData(RetrievalMode.Hybrid, 0.96, 0.90)]
    public void EachModeFindsTheGoldPassageAtLeastAsOftenAsMeasured(RetrievalMode mode, double hitAt5Floor, double mrrFloor)
    {
        Print();
        var score = library.Report[mode];

        Assert.True(score.HitAt5 >= hitAt5Floor, $"{mode} hit@5 {score.HitAt5:F3} < {hitAt5Floor}");
        Assert.True(score.MrrAt10 >= mrrFloor, $"{mode} MRR@10 {score.MrrAt10:F3} < {mrrFloor}");
    }

    [Fact]
    public void HybridIsAtLeastAsGoodAsTheBetterOfBm25AndDenseAlone()
    {
        Print();
        var (keyword, dense, hybrid) = (library.Report[RetrievalMode.Keyword], library.Report[RetrievalMode.Dense], library.Report[RetrievalMode.Hybrid]);

        Assert.True(hybrid.HitAt5 >= Math.Max(keyword.HitAt5, dense.HitAt5), $"hybrid hit@5 {hybrid.HitAt5:F3} vs BM25 {keyword.HitAt5:F3}, dense {dense.HitAt5:F3}");
        Assert.True(hybrid.MrrAt10 >= Math.Max(keyword.MrrAt10, dense.MrrAt10), $"hybrid MRR {hybrid.MrrAt10:F3} vs BM25 {keyword.MrrAt10:F3}, dense {dense.MrrAt10:F3}");
    }

    private void Print()
    {
        foreach (var score in library.Report.Scores)
        {
            output.WriteLine($"{score.Mode,-8} questions {score.Questions}  hit@5 {score.HitAt5:F3}  MRR@10 {score.MrrAt10:F3}");
        }
    }
}
