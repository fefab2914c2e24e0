using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TacticalRag.Api.Retrieval;
using TacticalRag.TestSupport.Evaluation;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Retrieval;

namespace TacticalRag.Bench.Suites;

/// <summary>
/// Retrieval: quality on the sample library's question set (BM25, dense, hybrid), then search latency and memory at
/// 1k, 10k and 100k synthetic chunks. Everything in-process: extraction, chunking, the real embedding model (the default), the index.
/// </summary>
public sealed class RetrievalSuite : IBenchSuite
{
    private static readonly int[] Sizes = [1_000, 10_000, 100_000];
    private const int QueriesPerSize = 500;
    private const int PostgresQueries = 200;
    private const double TargetP50Ms = 20;
    private const double TargetP99Ms = 50;

    public string Name => "retrieval";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var report = new StringBuilder(MachineReport.Describe(Name));
        report.AppendLine();

        if (options.Engines.Contains("postgresql"))
        {
            // The engine's own section: ingestion, search latency, HNSW recall, a new replica's readiness and memory.
            var chunks = options.Given.Contains("--chunks") ? options.Chunks : Sizes[^1];
            // Fewer queries than the embedded rows: each is also answered by exact search, a full scan of the vectors.
            var measured = await Engines.PostgresEngineBenchmark.RunAsync(chunks, PostgresQueries, search: true, replica: true, cancellationToken);
            report.AppendLine(Engines.PostgresEngineBenchmark.Report([measured]));
        }
        if (!options.Engines.Contains("embedded"))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"_Suite ran in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s._");
            return report.ToString();
        }

        await using (var services = EvaluationServices.Build())
        {
            var samples = SampleLibrary.Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
            report.AppendLine(samples is null
                ? "## 1. Retrieval quality\n\nSkipped: no samples/eval/questions.json above the working directory.\n"
                : await RetrievalQualityBenchmark.RunAsync(services, samples, cancellationToken));

            var embedder = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            var telemetry = services.GetRequiredService<RetrievalTelemetry>();
            var results = new List<SearchSizeResult>();
            foreach (var size in Sizes)
            {
                results.Add(await SearchLatencyBenchmark.MeasureAsync(
                    size, QueriesPerSize, underWrites: size == Sizes[^1], embedder, telemetry, cancellationToken));
            }
            report.AppendLine(LatencySection(results));
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"_Suite ran in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s._");
        return report.ToString();
    }

    private static string LatencySection(IReadOnlyList<SearchSizeResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("## 2. Search latency and memory (synthetic chunks)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Chunks of {SyntheticLibrary.WordsPerChunk} words over a Zipf vocabulary with random 384-dimension unit vectors, loaded "
            + $"{SyntheticLibrary.ChunksPerDocument} chunks per document. {QueriesPerSize} queries per row, one at a time, after a warm-up; "
            + $"times in ms. BM25 and Dense: one top-50 search of the index. Retrieve: the whole retrieval (plan, both searches, "
            + $"fusion) with a random query vector, the index's own time. + embedding: the same with the query embedded by the default embedding model "
            + $"first, as a real search does. The four are timed back to back in each round, so they share the machine's load.");
        text.AppendLine();
        var table = new MarkdownTable(
            "Chunks", "Load s", "Chunks/s", "Held MB", "BM25 p50 / p99", "Dense p50 / p99", "Retrieve p50 / p99", "+ embedding p50 / p99");
        foreach (var r in results)
        {
            table.Add(
                r.Chunks.ToString("N0", CultureInfo.InvariantCulture),
                r.BuildTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                MarkdownTable.Rate(r.Chunks / r.BuildTime.TotalSeconds),
                (r.HeldBytes / 1e6).ToString("0", CultureInfo.InvariantCulture),
                Pair(r.Keyword), Pair(r.Dense), Pair(r.IndexOnly), Pair(r.WithQueryEmbedding));
        }
        text.AppendLine(table.ToString());

        var largest = results[^1];
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- Memory: {largest.HeldBytes / (double)largest.Chunks * 100_000 / 1e6:0} MB per 100k chunks (managed heap held by the index: text, metadata, BM25 index, vectors).");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- Target at {largest.Chunks:N0} chunks, p50 ≤ {TargetP50Ms} ms and p99 ≤ {TargetP99Ms} ms (end to end): p50 "
            + $"{MarkdownTable.Verdict(largest.WithQueryEmbedding.P50, TargetP50Ms)}, p99 {MarkdownTable.Verdict(largest.WithQueryEmbedding.P99, TargetP99Ms)}.");
        if (results.All(r => r.Detection is not null))
        {
            var detection = string.Join(", ", results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Chunks:N0} chunks {Pair(r.Detection!)}")));
            text.AppendLine(
                "- Question language detection alone (Lingua, on the same synthetic queries, timed in the same rounds), p50 / p99 ms: "
                + detection
                + ". Retrieve detects only where the library holds in earnest a language the embedder does not read; the synthetic "
                + "chunks have no language, as an English library (a few stray guesses aside), so these rows do not pay it. The "
                + "synthetic queries are random letter strings, no language: Lingua finds them harder than real questions (the eval "
                + "suite prints detection per set on real ones).");
        }
        if (largest.WithASecondLanguage is { } bilingual)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- The same {largest.Chunks:N0} chunks with every fifth document indexed as German (a language the English embedder "
                + $"does not read, held in earnest: each search detects the question's language, looks up its candidates' languages "
                + $"and reads two BM25 fields; a query Lingua guesses as German is ranked by BM25 alone): retrieve p50 "
                + $"{MarkdownTable.Ms(bilingual.P50)} ms, p99 {MarkdownTable.Ms(bilingual.P99)} ms.");
        }
        if (largest.DuringWrites is { } busy)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- While a writer adds a 50-chunk document, its vectors 16 at a time every 100 ms, removes it and starts again (three "
                + $"times ingestion's pace) at {largest.Chunks:N0} chunks: retrieve p50 {MarkdownTable.Ms(busy.P50)} ms, p99 "
                + $"{MarkdownTable.Ms(busy.P99)} ms ({MarkdownTable.Ratio(busy.P50 / largest.IndexOnly.P50)} idle p50).");
        }
        return text.ToString();
    }

    private static string Pair(LatencySummary latency) => $"{MarkdownTable.Ms(latency.P50)} / {MarkdownTable.Ms(latency.P99)}";
}
