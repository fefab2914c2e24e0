using System.Diagnostics;
using TacticalRag.Api.Embeddings;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;

namespace TacticalRag.Bench.Suites.Ingestion;

/// <summary>One pass of the bare model over a set of chunks: no cache, no store, no HTTP.</summary>
public sealed record EmbedderRun(string Content, int Chunks, int BatchSize, TimeSpan ModelLoad, TimeSpan Elapsed, TimeSpan Cpu)
{
    public double ChunksPerSecond => Chunks / Elapsed.TotalSeconds;

    /// <summary>Chunks per second of CPU time: what neighbours on a shared machine change much less than wall time.</summary>
    public double ChunksPerCpuSecond => Chunks / Cpu.TotalSeconds;
}

/// <summary>
/// The embedder's own throughput: a fresh <see cref="SentenceEncoderEmbeddingGenerator"/>, built directly (the product wraps it
/// in a distributed cache, which would make a second pass over the same text free), fed the chunks' embedding texts
/// in the batches the embedding queue uses. The model's load is timed apart and left out, as it is in the API runs,
/// which load it before they measure.
/// </summary>
public static class EmbedderThroughput
{
    public static async Task<EmbedderRun> MeasureAsync(
        string content, IReadOnlyList<string> texts, int batchSize, CancellationToken cancellationToken)
    {
        using var generator = new SentenceEncoderEmbeddingGenerator(EmbeddingOptions.DefaultModel);
        var loading = Stopwatch.GetTimestamp();
        var warmUp = Enumerable.Range(0, batchSize).Select(i => $"Warm-up passage {i}: the model loads and the runtime compiles.").ToArray();
        await generator.GenerateAsync(warmUp, cancellationToken: cancellationToken);
        var modelLoad = Stopwatch.GetElapsedTime(loading);

        var cpuBefore = ProcessCounters.Read().Cpu;
        var started = Stopwatch.GetTimestamp();
        var embedded = 0;
        foreach (var batch in texts.Chunk(batchSize))
        {
            var vectors = await generator.GenerateAsync(batch, cancellationToken: cancellationToken);
            embedded += vectors.Count;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = ProcessCounters.Read().Cpu - cpuBefore;
        if (embedded != texts.Count)
        {
            throw new InvalidOperationException($"The embedder returned {embedded} vectors for {texts.Count} texts.");
        }
        var run = new EmbedderRun(content, texts.Count, batchSize, modelLoad, elapsed, cpu);
        Progress.Step($"Embedder alone, {content}, batches of {batchSize}: {run.ChunksPerSecond:0.0} chunks/s");
        return run;
    }
}
