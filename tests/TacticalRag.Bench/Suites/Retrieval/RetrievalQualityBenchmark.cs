using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Retrieval;
using TacticalRag.TestSupport.Evaluation;
using TacticalRag.Bench.Reporting;

namespace TacticalRag.Bench.Suites.Retrieval;

/// <summary>
/// hit@5 and MRR@10 on the sample library's question set for BM25 alone, dense alone and hybrid, by question kind,
/// and how the hybrid's scores move with the fusion's k and the dense weight (the evidence behind the defaults).
/// </summary>
public static class RetrievalQualityBenchmark
{
    private static readonly double[] SweepK = [1, 2, 3, 5, 10, 60];
    private static readonly double[] SweepDenseWeight = [0.5, 1, 1.5];

    public static async Task<string> RunAsync(IServiceProvider services, string samples, CancellationToken cancellationToken)
    {
        var documents = await services.GetRequiredService<LibraryFolderIndexer>().IndexAsync(samples, cancellationToken);
        var questions = await RetrievalEvaluation.LoadQuestionsAsync(Path.Combine(samples, SampleLibrary.QuestionsFile), cancellationToken);
        Progress.Step($"Sample library indexed: {documents.Count} documents, {documents.Sum(d => d.Chunks.Count)} chunks; {questions.Count} questions");
        var report = await services.GetRequiredService<RetrievalEvaluation>()
            .RunAsync(questions, documents, RetrievalEvaluation.AllModes, cancellationToken);
        var defaults = services.GetRequiredService<IOptions<RetrievalOptions>>().Value;

        var text = new StringBuilder();
        text.AppendLine("## 1. Retrieval quality (samples/eval/questions.json)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{questions.Count} questions over {documents.Count} documents ({documents.Sum(d => d.Chunks.Count)} chunks); gold = the chunks of the "
            + $"question's document holding its evidence. Fusion: {defaults.Fusion} (boost {defaults.KeywordBoost} above "
            + $"z {defaults.KeywordBoostThreshold}), {defaults.CandidateDepth} candidates per ranking. Unresolved questions: {report.UnresolvedQuestions.Count}.");
        text.AppendLine();
        var table = new MarkdownTable("Mode", "hit@5", "MRR@10");
        foreach (var score in report.Scores)
        {
            table.Add(Name(score.Mode), Fraction(score.HitAt5), Fraction(score.MrrAt10));
        }
        text.AppendLine(table.ToString());

        var byKind = new MarkdownTable("Kind", "Questions", "BM25 hit@5 / MRR", "Dense hit@5 / MRR", "Hybrid hit@5 / MRR");
        foreach (var kind in report.Outcomes.Select(o => o.Kind).Distinct())
        {
            var cells = RetrievalEvaluation.AllModes.Select(mode =>
            {
                var outcomes = report.Outcomes.Where(o => o.Kind == kind && o.Mode == mode).ToList();
                return $"{Fraction(outcomes.Count(o => o.GoldRank <= 5) / (double)outcomes.Count)} / "
                    + Fraction(outcomes.Sum(o => o.GoldRank is { } rank && rank <= 10 ? 1.0 / rank : 0) / outcomes.Count);
            }).ToArray();
            byKind.Add(kind, MarkdownTable.Count(report.Outcomes.Count(o => o.Kind == kind && o.Mode == RetrievalMode.Hybrid)), cells[0], cells[1], cells[2]);
        }
        text.AppendLine(byKind.ToString());

        text.AppendLine("Hybrid hit@5 / MRR@10 with reciprocal rank fusion instead of the default, by k and dense weight (BM25 weight 1; "
            + "`eval --study` compares every fusion on the public sets too):");
        text.AppendLine();
        var sweep = new MarkdownTable(["k", .. SweepDenseWeight.Select(w => $"dense weight {w.ToString(CultureInfo.InvariantCulture)}")]);
        foreach (var k in SweepK)
        {
            var cells = new List<string> { k.ToString(CultureInfo.InvariantCulture) };
            foreach (var weight in SweepDenseWeight)
            {
                var retriever = Retriever(services, new RetrievalOptions { Fusion = FusionMethod.ReciprocalRank, RrfK = k, KeywordWeight = 1, DenseWeight = weight });
                var hybrid = (await new RetrievalEvaluation(retriever).RunAsync(questions, documents, [RetrievalMode.Hybrid], cancellationToken))[RetrievalMode.Hybrid];
                cells.Add($"{Fraction(hybrid.HitAt5)} / {Fraction(hybrid.MrrAt10)}");
            }
            sweep.Add([.. cells]);
        }
        text.AppendLine(sweep.ToString());
        return text.ToString();
    }

    private static HybridRetriever Retriever(IServiceProvider services, RetrievalOptions options) => new(
        services.GetRequiredService<SearchIndex>(),
        services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
        services.GetRequiredService<TacticalRag.Api.Embeddings.EmbeddingModel>(),
        services.GetRequiredService<QueryPlanner>(),
        Options.Create(options),
        services.GetRequiredService<RetrievalTelemetry>(),
        services.GetRequiredService<TacticalRag.Api.Languages.TextLanguageDetector>(),
        services.GetRequiredService<TacticalRag.Api.Embeddings.EmbeddingCoverage>(),
        TimeProvider.System);

    private static string Name(RetrievalMode mode) => mode switch
    {
        RetrievalMode.Keyword => "BM25 only",
        RetrievalMode.Dense => "Dense only",
        _ => "Hybrid",
    };

    private static string Fraction(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
