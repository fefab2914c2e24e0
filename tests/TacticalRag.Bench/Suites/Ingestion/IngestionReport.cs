using System.Globalization;
using System.Text;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;

namespace TacticalRag.Bench.Suites.Ingestion;

/// <summary>The ingestion suite's sections: throughput side by side, latency idle vs while indexing, the targets.</summary>
public static class IngestionReport
{
    public const double TargetShareOfEmbedder = 0.80;
    public const double TargetSlowdown = 2.0;

    /// <param name="context">Embedder-alone passes before everything: the sample library, the large document at another batch.</param>
    /// <param name="brackets">Embedder-alone passes over the large document: before the first API run, between runs, after the last.</param>
    public static string Write(IReadOnlyList<EmbedderRun> context, IReadOnlyList<EmbedderRun> brackets, IReadOnlyList<StoreRun> runs,
        QueryEmbeddingContention contention, int batchSize)
    {
        var targets = new TargetLedger();
        var text = new StringBuilder();
        text.AppendLine("## 1. Ingestion throughput: the embedder alone vs upload-to-ready through the API");
        text.AppendLine();
        text.AppendLine("Embedder alone: a fresh SentenceEncoderEmbeddingGenerator without cache, the model loaded first (not timed), the chunks' "
            + "embedding texts (title and heading prefix) in batches. API: POST /api/documents with the same file(s), timed until GET "
            + $"/api/documents/{{id}} says \"ready\" (polled every {LibraryHttp.StatusPollInterval.TotalMilliseconds:0} ms); "
            + "\"Upload answered\" is when the 201 came (stored and searchable by BM25). A throwaway API host runs first (compiling the "
            + "API's code); each measured host starts on an empty store and cache, and first ingests an unmeasured 48-chunk warm-up "
            + "document and answers questions for the warm-up time.");
        text.AppendLine();
        var table = new MarkdownTable("Run", "Content", "Chunks", "Batch", "Upload answered ms", "Ready after s", "Chunks/s", "vs embedder alone",
            "CPU ms/chunk", "Per CPU s vs alone");
        foreach (var run in context)
        {
            AddAlone(table, "embedder alone", run);
        }
        var samplesAlone = context.First(e => e.Content == "sample library");
        AddAlone(table, $"embedder alone, before {runs[0].Store}", brackets[0]);
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            // The passes just before and just after this API run.
            var documentAlone = (brackets[i].ChunksPerSecond + brackets[i + 1].ChunksPerSecond) / 2;
            var documentAlonePerCpu = (brackets[i].ChunksPerCpuSecond + brackets[i + 1].ChunksPerCpuSecond) / 2;
            var rows = new[]
            {
                (run.Samples, samplesAlone.ChunksPerSecond, samplesAlone.ChunksPerCpuSecond),
                (run.Document, documentAlone, documentAlonePerCpu),
                (run.BusyDocument, documentAlone, double.NaN), // its CPU also served the questions
            };
            foreach (var (timing, alone, alonePerCpu) in rows)
            {
                table.Add($"API, {run.Store}", timing.Content, MarkdownTable.Count(timing.Chunks), MarkdownTable.Count(batchSize),
                    timing.Upload.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture), Seconds(timing.UntilReady),
                    Rate(timing.ChunksPerSecond), Percent(timing.ChunksPerSecond / alone), CpuPerChunk(timing.Cpu, timing.Chunks),
                    Percent(timing.ChunksPerCpuSecond / alonePerCpu));
            }
            AddAlone(table, i + 1 < runs.Count ? $"embedder alone, after {run.Store}, before {runs[i + 1].Store}" : $"embedder alone, after {run.Store}", brackets[i + 1]);
            var share = run.Document.ChunksPerSecond / documentAlone;
            targets.Add($"{run.Store}: ingestion ≥ {TargetShareOfEmbedder:0%} of the embedder alone (large document, batch {batchSize})",
                $"{Percent(share)} ({Rate(run.Document.ChunksPerSecond)} vs {Rate(documentAlone)} chunks/s; per CPU second "
                + $"{Percent(run.Document.ChunksPerCpuSecond / documentAlonePerCpu)})",
                share >= TargetShareOfEmbedder ? "met" : $"missed by {(TargetShareOfEmbedder - share) * 100:0.#} points");
        }
        text.AppendLine(table.ToString());
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- \"vs embedder alone\": the sample library against its embedder-alone pass; a large document against the mean of the two "
            + $"embedder-alone passes just before and after that API run (same chunks, batch {batchSize}). The model's load, untimed "
            + $"above, took {string.Join(", ", context.Concat(brackets).Select(e => $"{e.ModelLoad.TotalSeconds:0.0}"))} s.");
        text.AppendLine("- CPU: the bench process's CPU time (it hosts the API; plus redis-server's for the Redis runs) over the same span, "
            + "per chunk. \"Per CPU s vs alone\" compares chunks per CPU second instead of per wall second: it changes far less when "
            + "other work shares the machine, and tells cost (CPU) apart from waiting (wall time without CPU).");
        text.AppendLine();

        text.AppendLine("## 2. Search and ask latency: idle vs while a large document is being indexed");
        text.AppendLine();
        text.AppendLine("One client, sequentially: POST /api/search, then POST /api/ask, repeated; every question is a sample question made "
            + "unique (no answer or embedding cache hit). Idle: nothing queued, half the window before and half after the indexing "
            + "phase (so drift in the machine's speed falls on both). While indexing: from the upload of a second large document "
            + "until it is \"ready\". Times in ms; the ask's retrieval and generation are its own timings (whole milliseconds), "
            + "the rest of an ask is the rewrite, the conversation and cache writes, and HTTP.");
        text.AppendLine();
        var latency = new MarkdownTable("Store", "Phase", "Window s", "Searches", "Search p50 / p99", "Asks", "Ask p50 / p99",
            "Ask: retrieval p50 / p99", "Ask: generation p50 / p99", "Retrieval-only asks", "Errors");
        foreach (var run in runs)
        {
            foreach (var (phase, q) in new[] { ("idle", run.Idle), ("while indexing", run.Busy) })
            {
                latency.Add(run.Store, phase, Seconds(q.Window), MarkdownTable.Count(q.Search.Count), Pair(q.Search),
                    MarkdownTable.Count(q.Ask.Count), Pair(q.Ask), Pair(q.AskRetrieval), Pair(q.AskGeneration), MarkdownTable.Count(q.RetrievalOnlyAnswers),
                    MarkdownTable.Count(q.Search.Errors + q.Ask.Errors));
            }
            Slowdown(targets, run.Store, "search p50", run.Idle.Search.P50, run.Busy.Search.P50);
            Slowdown(targets, run.Store, "search p99", run.Idle.Search.P99, run.Busy.Search.P99);
            Slowdown(targets, run.Store, "ask p50", run.Idle.Ask.P50, run.Busy.Ask.P50);
            Slowdown(targets, run.Store, "ask p99", run.Idle.Ask.P99, run.Busy.Ask.P99);
        }
        text.AppendLine(latency.ToString());
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- The question's embedding alone (one SentenceEncoderEmbeddingGenerator, no HTTP, store or index): p50 / p99 {Pair(contention.Idle)} ms "
            + $"idle ({contention.Idle.Count} questions), {Pair(contention.DuringBulk)} ms while the same encoder embeds {contention.BulkChunks} "
            + $"chunks in batches of {batchSize} ({contention.DuringBulk.Count} questions): {MarkdownTable.Ratio(contention.DuringBulk.P50 / contention.Idle.P50)} at p50.");
        foreach (var run in runs)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {run.Store}: while indexing, the ask's retrieval p50 went {MarkdownTable.Ms(run.Idle.AskRetrieval.P50)} → "
                + $"{MarkdownTable.Ms(run.Busy.AskRetrieval.P50)} ms and its generation {MarkdownTable.Ms(run.Idle.AskGeneration.P50)} → "
                + $"{MarkdownTable.Ms(run.Busy.AskGeneration.P50)} ms, of an ask p50 that went {MarkdownTable.Ms(run.Idle.Ask.P50)} → {MarkdownTable.Ms(run.Busy.Ask.P50)} ms.");
        }
        text.AppendLine();
        text.AppendLine(targets.Summary());
        return text.ToString();
    }

    private static void Slowdown(TargetLedger targets, string store, string what, double idle, double busy)
    {
        var ratio = busy / idle;
        targets.Add($"{store}: {what} while indexing ≤ {TargetSlowdown:0}× idle",
            $"{MarkdownTable.Ratio(ratio)} ({MarkdownTable.Ms(busy)} vs {MarkdownTable.Ms(idle)} ms)",
            double.IsNaN(ratio) ? "not measured" : ratio <= TargetSlowdown ? "met" : $"missed ({MarkdownTable.Ratio(ratio)} > {TargetSlowdown:0}×)");
    }

    private static void AddAlone(MarkdownTable table, string label, EmbedderRun run) =>
        table.Add(label, run.Content, MarkdownTable.Count(run.Chunks), MarkdownTable.Count(run.BatchSize), "–",
            Seconds(run.Elapsed), Rate(run.ChunksPerSecond), "–", CpuPerChunk(run.Cpu, run.Chunks), "–");

    private static string CpuPerChunk(TimeSpan cpu, int chunks) => (cpu.TotalMilliseconds / chunks).ToString("0", CultureInfo.InvariantCulture);

    private static string Pair(LatencySummary latency) => $"{MarkdownTable.Ms(latency.P50)} / {MarkdownTable.Ms(latency.P99)}";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Rate(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Percent(double share) => double.IsNaN(share) ? "–" : share.ToString("0%", CultureInfo.InvariantCulture);
}
