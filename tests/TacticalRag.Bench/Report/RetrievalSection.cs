using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TacticalRag.Api.Retrieval;
using TacticalRag.TestSupport.Evaluation;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Retrieval;
using static TacticalRag.Bench.Reporting.MarkdownTable;

namespace TacticalRag.Bench.Report;

/// <summary>Retrieval quality per mode on the sample library, and search latency per mode at growing index sizes.</summary>
public sealed record RetrievalFigures(EvaluationReport Quality, int Documents, int Chunks, int Questions, IReadOnlyList<SearchSizeResult> Latency);

/// <summary>
/// The report's retrieval section: hybrid against BM25 only and dense only, in quality (the sample library's question
/// set) and latency (synthetic indexes). The <c>retrieval</c> suite has more (scores by question kind, the fusion sweep).
/// </summary>
public static class RetrievalSection
{
    public const double TargetP50Ms = 20;
    public const double TargetP99Ms = 50;

    public static async Task<RetrievalFigures> MeasureAsync(IReadOnlyList<int> sizes, int queries, CancellationToken cancellationToken)
    {
        await using var services = EvaluationServices.Build();
        var samples = SampleLibrary.Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("No samples/ folder with eval/questions.json above the working directory.");
        var documents = await services.GetRequiredService<LibraryFolderIndexer>().IndexAsync(samples, cancellationToken);
        var questions = await RetrievalEvaluation.LoadQuestionsAsync(Path.Combine(samples, SampleLibrary.QuestionsFile), cancellationToken);
        var quality = await services.GetRequiredService<RetrievalEvaluation>().RunAsync(questions, documents, RetrievalEvaluation.AllModes, cancellationToken);
        Progress.Step($"retrieval quality: {string.Join(", ", quality.Scores.Select(s => $"{s.Mode} hit@5 {s.HitAt5:0.000}"))}");

        var embedder = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var telemetry = services.GetRequiredService<RetrievalTelemetry>();
        List<SearchSizeResult> latency = [];
        foreach (var size in sizes)
        {
            latency.Add(await SearchLatencyBenchmark.MeasureAsync(size, queries, underWrites: false, embedder, telemetry, cancellationToken));
        }
        return new RetrievalFigures(quality, documents.Count, documents.Sum(d => d.Chunks.Count), questions.Count, latency);
    }

    public static string Write(RetrievalFigures figures, int queries, TargetLedger targets)
    {
        var text = new StringBuilder();
        text.AppendLine("## 3. Retrieval: hybrid against BM25 only and dense only");
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Quality: the {figures.Questions} questions of `samples/eval/questions.json` over the {figures.Documents} sample documents "
            + $"({figures.Chunks} chunks, real embeddings of the default model); gold = the chunks of the question's document that hold its evidence; "
            + $"hit@5 = gold in the top five, MRR@10 = mean of 1/rank (0 beyond ten). No language model, so no query variants: repeatable."));
        text.AppendLine();
        var quality = new MarkdownTable("Mode", "hit@5", "MRR@10");
        foreach (var score in figures.Quality.Scores)
        {
            quality.Add(ModeName(score.Mode), Fraction(score.HitAt5), Fraction(score.MrrAt10));
        }
        text.Append(quality);
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Latency: synthetic indexes ({SyntheticLibrary.WordsPerChunk}-word chunks over a Zipf vocabulary, random unit vectors), {queries} queries "
            + $"per size one at a time, p50 / p99 in ms. BM25 and dense: one top-50 search each. Hybrid: the whole retrieval (plan, both searches, "
            + $"fusion) with a random query vector. + embedding: the same with the query embedded first, as a real search does."));
        text.AppendLine();
        var latency = new MarkdownTable("Chunks", "Index build s", "BM25", "Dense", "Hybrid", "Hybrid + query embedding");
        foreach (var size in figures.Latency)
        {
            latency.Add(size.Chunks.ToString("N0", CultureInfo.InvariantCulture), size.BuildTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                Pair(size.Keyword), Pair(size.Dense), Pair(size.IndexOnly), Pair(size.WithQueryEmbedding));
        }
        text.Append(latency);

        var largest = figures.Latency[^1];
        var end = largest.WithQueryEmbedding;
        var chunks = largest.Chunks.ToString("N0", CultureInfo.InvariantCulture);
        targets.Add($"Search end to end at {chunks} chunks: p50 ≤ {TargetP50Ms:0} ms", $"{Ms(end.P50)} ms", Verdict(end.P50, TargetP50Ms));
        targets.Add($"Search end to end at {chunks} chunks: p99 ≤ {TargetP99Ms:0} ms", $"{Ms(end.P99)} ms", Verdict(end.P99, TargetP99Ms));
        var hybrid = figures.Quality[RetrievalMode.Hybrid];
        var best = figures.Quality.Scores.Where(s => s.Mode != RetrievalMode.Hybrid).MaxBy(s => s.HitAt5)!;
        targets.Add("Hybrid retrieval at least as good as the better single mode (hit@5)",
            $"{Fraction(hybrid.HitAt5)} vs {ModeName(best.Mode)} {Fraction(best.HitAt5)}",
            hybrid.HitAt5 >= best.HitAt5 ? "met" : $"missed by {Fraction(best.HitAt5 - hybrid.HitAt5)}");
        return text.ToString();
    }

    public static string ModeName(RetrievalMode mode) => mode switch
    {
        RetrievalMode.Keyword => "BM25 only",
        RetrievalMode.Dense => "Dense only",
        _ => "Hybrid (RRF)",
    };

    private static string Pair(LatencySummary latency) => $"{Ms(latency.P50)} / {Ms(latency.P99)}";

    private static string Fraction(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
