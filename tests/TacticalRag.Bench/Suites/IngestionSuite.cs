using System.Diagnostics;
using System.Globalization;
using System.Text;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Ingestion;
using TacticalRag.TestSupport.Evaluation;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.IndexLoad;
using TacticalRag.Bench.Suites.Ingestion;
using TacticalRag.ModelServerSim;
using TacticalRag.TestSupport.Redis;

namespace TacticalRag.Bench.Suites;

/// <summary>
/// Ingestion, side by side in one run: the bare embedder's throughput on a set of chunks, then the same content
/// through the API (upload until "ready") on the data-folder store and on a fresh redis-server, then search and ask
/// latency on that API while nothing is indexed and while a large document is. The embedder-alone pass is repeated
/// after the API runs, so a drift in the machine's speed shows.
/// </summary>
public sealed class IngestionSuite : IBenchSuite
{
    /// <summary>Chunks bulk-embedded beside the question embeddings: a dozen batches, seconds on 2 cores.</summary>
    private const int ContentionChunks = 96;

    public string Name => "ingestion";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var report = new StringBuilder(MachineReport.Describe(Name));
        var samples = SampleLibrary.Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        if (samples is null)
        {
            return report.AppendLine("\nSkipped: no samples/eval/questions.json above the working directory (the content is drawn from it).").ToString();
        }

        Progress.Step("Extracting and chunking the content in-process");
        var content = await IngestionContent.BuildAsync(samples, options.DocumentChunks, cancellationToken);
        var batchSize = new IngestionOptions().EmbeddingBatchSize;
        var document = content.Document.EmbeddingTexts.ToList();
        // Context first: the sample library alone, and the large document at the model's preferred batch.
        var context = new List<EmbedderRun>
        {
            await EmbedderThroughput.MeasureAsync("sample library", content.Samples.SelectMany(s => s.EmbeddingTexts).ToList(), batchSize, cancellationToken),
            await EmbedderThroughput.MeasureAsync("large document", document, SentenceEncoderEmbeddingGenerator.BatchSize, cancellationToken),
        };
        // Then the embedder alone before, between and after the API runs, so each API run has a pass on either side
        // of it: on a shared machine the speed drifts, and a ratio against one distant pass would measure the drift.
        var brackets = new List<EmbedderRun> { await EmbedderThroughput.MeasureAsync("large document", document, batchSize, cancellationToken) };
        var contention = await EmbeddingContention.MeasureAsync(
            content.BusyDocument.EmbeddingTexts.Take(ContentionChunks).ToList(), new UniqueQuestions(content.Questions), batchSize, cancellationToken);

        var simulatorOptions = new SimulatorOptions();
        await using var vllm = await ModelServerSimulator.StartAsync(simulatorOptions, cancellationToken);
        await using var ollama = await ModelServerSimulator.StartAsync(new SimulatorOptions(), cancellationToken);
        var dataRoot = Directory.CreateTempSubdirectory("trag-bench-ingestion-").FullName;
        var runs = new List<StoreRun>();
        try
        {
            // A throwaway host first: the first API host in a process was measured paying 15-30 ms more CPU per chunk
            // (compiling and tiering up the API's code) even after its own warm-up, which would be charged to one store.
            Progress.Step("Warming up the process with a throwaway API host");
            await ApiIngestionRun.WarmUpProcessAsync(Path.Combine(dataRoot, "warm-up"), vllm, ollama, content, options, cancellationToken);
            runs.Add(await ApiIngestionRun.RunAsync("Data folder", new Dictionary<string, string?>
            {
                ["Storage:DataPath"] = Path.Combine(dataRoot, "folder"),
            }, storeCpu: null, vllm, ollama, content, options, cancellationToken));
            brackets.Add(await EmbedderThroughput.MeasureAsync("large document", document, batchSize, cancellationToken));
            await using var redis = await RedisServerProcess.StartNewAsync(cancellationToken);
            runs.Add(await ApiIngestionRun.RunAsync("Redis", new Dictionary<string, string?>
            {
                ["ConnectionStrings:cache"] = redis.ConnectionStringWith(TimeSpan.FromSeconds(60)),
                ["Storage:DataPath"] = Path.Combine(dataRoot, "redis"), // unused with Redis
            }, () => redis.Cpu, vllm, ollama, content, options, cancellationToken));
        }
        finally
        {
            Directory.Delete(dataRoot, recursive: true);
        }
        brackets.Add(await EmbedderThroughput.MeasureAsync("large document", document, batchSize, cancellationToken));

        report.AppendLine(CultureInfo.InvariantCulture,
            $"- Content: the sample library ({content.Samples.Count} files, {content.Samples.Sum(s => s.Chunks.Count)} chunks) and two synthetic "
            + $"Markdown manuals of sample-library sentences ({content.Document.Chunks.Count} and {content.BusyDocument.Chunks.Count} chunks), "
            + $"every paragraph numbered with a run token so no cache has seen the text; chunked in-process by the product's chunker.");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"- Settings: Ingestion:EmbeddingBatchSize {batchSize} (product default); idle window {options.Duration.TotalSeconds:0.#} s after "
            + $"{options.Warmup.TotalSeconds:0.#} s unrecorded; model servers: the in-process simulators, answering with no generation delay.");
        report.AppendLine();
        report.AppendLine(IngestionReport.Write(context, brackets, runs, contention, batchSize));
        report.AppendLine(CultureInfo.InvariantCulture, $"- Load average at end (1, 5, 15 min): {MachineLoad.Now()}");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"_Suite ran in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s._");
        return report.ToString();
    }
}
