using System.Diagnostics;
using System.Globalization;
using System.Text;
using TacticalRag.Bench.Report;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Eval;
using TacticalRag.TestSupport.Postgres;

namespace TacticalRag.Bench.Suites;

/// <summary>
/// Retrieval quality on labelled sets (the repository's <c>samples/</c> by default, or any folder given with
/// <c>--set</c>): nDCG@10, recall@10, MRR@10, hit@1, hit@5 and search latency for every retrieval mode, each set
/// ingested through the product's extraction, chunking, embedding and index. <c>--study</c> adds the fusion study.
/// </summary>
public sealed class EvalSuite : IBenchSuite
{
    public string Name => "eval";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var root = RepositoryRoot.Find();
        var folders = options.Sets.Count > 0 ? options.Sets : [Path.Combine(root, "samples")];
        var settings = options.Settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        var cacheFolder = Path.Combine(root, "artifacts", "eval-cache");

        var results = new List<SetResult>();
        await using var postgres = options.Engines.Contains("postgresql") ? await PostgresServerProcess.StartNewAsync(cancellationToken) : null;
        foreach (var folder in folders)
        {
            var set = await EvalSetLoader.LoadAsync(folder, cancellationToken);
            Progress.Step($"{set.Name}: {set.Files.Count} files, {set.Queries.Count} questions ({set.Format})");
            foreach (var engine in options.Engines)
            {
                set = engine == options.Engines[0] ? set : await EvalSetLoader.LoadAsync(folder, cancellationToken); // a judge indexes one run's chunks
                if (engine == "postgresql")
                {
                    var model = Api.Embeddings.EmbeddingModel.Find(settings.GetValueOrDefault("Embeddings:Model")) ?? Api.Embeddings.EmbeddingOptions.DefaultModel;
                    await using var database = new Api.Storage.Postgres.PostgresLibraryDatabase(await postgres!.CreateDatabaseAsync(cancellationToken), null, model.Dimensions);
                    results.Add(await EvalRun.RunAsync(set, settings, cacheFolder, cancellationToken, database));
                }
                else
                {
                    results.Add(await EvalRun.RunAsync(set, settings, cacheFolder, cancellationToken));
                }
            }
        }

        var report = new StringBuilder(MachineReport.Describe(Name));
        report.AppendLine();
        report.AppendLine(
            $"Embedding model: {results[0].Model}. Settings: {(settings.Count == 0 ? "defaults" : string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}")))}. "
            + $"Each question searched with topK {EvalRun.ResultDepth}; a passage split into several chunks counts once. Latency: the whole "
            + "in-process retrieval (plan, query embedding, searches, fusion), one question at a time; after a set's first run its "
            + "question embeddings come from the evaluation's cache, so the figures are then the index's and fusion's (the "
            + "retrieval suite times the query embedding at 1k-100k chunks).");
        report.AppendLine();
        var table = new MarkdownTable("Set", "Engine", "Chunks", "Questions", "Languages (chunks / questions)", "Mode", "nDCG@10", "recall@10", "MRR@10", "hit@1", "hit@5", "p50 ms", "p99 ms");
        foreach (var set in results)
        {
            foreach (var mode in set.Modes)
            {
                var s = mode.Scores;
                table.Add(set.Set, set.Engine, set.Chunks.ToString("N0", CultureInfo.InvariantCulture), set.Questions.ToString(CultureInfo.InvariantCulture), set.LanguageSummary, mode.Mode,
                    F(s.NdcgAt10), F(s.RecallAt10), F(s.MrrAt10), F(s.HitAt1), F(s.HitAt5), MarkdownTable.Ms(mode.Latency.P50), MarkdownTable.Ms(mode.Latency.P99));
            }
        }
        report.AppendLine(table.ToString());
        var detection = new MarkdownTable("Set", "Questions", "Language detection p50 ms", "p90 ms", "p99 ms");
        foreach (var set in results.Where(s => s.DetectionMs.Count > 0))
        {
            var sorted = set.DetectionMs.Order().ToList();
            double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
            detection.Add(set.Set, sorted.Count.ToString(CultureInfo.InvariantCulture), At(0.5).ToString("0.000", CultureInfo.InvariantCulture),
                At(0.9).ToString("0.000", CultureInfo.InvariantCulture), At(0.99).ToString("0.000", CultureInfo.InvariantCulture));
        }
        report.AppendLine("Question language detection (added to every search; one question at a time):");
        report.AppendLine();
        report.AppendLine(detection.ToString());
        // The default fusion's choice, set by set, on sets it was not chosen on: always reported.
        report.AppendLine(FusionStudy.Report(results));
        if (options.Study)
        {
            report.AppendLine(AnalyzerStudy.Report(results));
            report.AppendLine(ContextStudy.Report(results));
            report.AppendLine(await EmbedderComparison.RunAsync(await EvalSetLoader.LoadAsync(folders[0], cancellationToken), cancellationToken));
            foreach (var set in results)
            {
                // The raw rankings, for studying fusion further outside the tool.
                var path = Path.Combine(root, "artifacts", "eval-rankings", $"{set.Set}.{set.Model}.json");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, System.Text.Json.JsonSerializer.Serialize(set.Rankings.Select(r => new
                {
                    r.Query.Id, r.Query.Text, r.Relevant,
                    Keyword = r.Keyword.Select(c => new { Unit = set.UnitOf[c.ChunkId], c.ChunkId, c.Score }),
                    Dense = r.Dense.Select(c => new { Unit = set.UnitOf[c.ChunkId], c.ChunkId, c.Score }),
                })), cancellationToken);
            }
        }
        report.AppendLine(CultureInfo.InvariantCulture, $"_Suite ran in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s._");
        return report.ToString();
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
