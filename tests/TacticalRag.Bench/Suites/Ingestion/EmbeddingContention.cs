using System.Diagnostics;
using TacticalRag.Api.Embeddings;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;

namespace TacticalRag.Bench.Suites.Ingestion;

/// <summary>A question's embedding alone, idle and while bulk embedding runs on the same encoder.</summary>
public sealed record QueryEmbeddingContention(LatencySummary Idle, LatencySummary DuringBulk, int BulkChunks);

/// <summary>
/// Isolates the part of a search that ingestion slows: one <see cref="SentenceEncoderEmbeddingGenerator"/> (the API has one
/// encoder for everyone) embeds questions one at a time, first alone, then while a background task embeds document
/// chunks in the queue's batches. No HTTP, store or index: if this slows as much as search does, the embedding is it.
/// </summary>
public static class EmbeddingContention
{
    private const int IdleQuestions = 100;

    public static async Task<QueryEmbeddingContention> MeasureAsync(
        IReadOnlyList<string> chunkTexts, UniqueQuestions questions, int batchSize, CancellationToken cancellationToken)
    {
        using var generator = new SentenceEncoderEmbeddingGenerator(EmbeddingOptions.DefaultModel);
        await generator.GenerateAsync(chunkTexts.Take(batchSize).ToArray(), cancellationToken: cancellationToken); // load the model
        for (var i = 0; i < 10; i++)
        {
            await TimeOneAsync(generator, questions, cancellationToken);
        }

        var idle = new List<double>(IdleQuestions);
        for (var i = 0; i < IdleQuestions; i++)
        {
            idle.Add(await TimeOneAsync(generator, questions, cancellationToken));
        }

        var bulk = Task.Run(async () =>
        {
            foreach (var batch in chunkTexts.Chunk(batchSize))
            {
                await generator.GenerateAsync(batch, cancellationToken: cancellationToken);
            }
        }, cancellationToken);
        var busy = new List<double>();
        while (!bulk.IsCompleted)
        {
            busy.Add(await TimeOneAsync(generator, questions, cancellationToken));
        }
        await bulk;
        var result = new QueryEmbeddingContention(LatencySummary.From(idle), LatencySummary.From(busy), chunkTexts.Count);
        Progress.Step($"Question embedding alone: p50 {result.Idle.P50:0.0} ms idle, {result.DuringBulk.P50:0.0} ms during bulk embedding");
        return result;
    }

    private static async Task<double> TimeOneAsync(SentenceEncoderEmbeddingGenerator generator, UniqueQuestions questions, CancellationToken cancellationToken)
    {
        var question = questions.Next();
        var started = Stopwatch.GetTimestamp();
        await generator.GenerateAsync([question], cancellationToken: cancellationToken);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
