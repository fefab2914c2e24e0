using System.Diagnostics;
using System.Globalization;
using System.Text;
using TacticalRag.Api.Embeddings;
using TacticalRag.Bench.Reporting;

namespace TacticalRag.Bench.Suites.Eval;

/// <summary>
/// Embedding speed of every in-process model on the same chunk-sized texts (150-word windows of a set's files), no
/// cache, in alternating rounds so both models see the same machine load; the median round's chunks a second is reported.
/// </summary>
public static class EmbedderComparison
{
    private const int Texts = 128;
    private const int Rounds = 3;
    private const int WordsPerText = 150;

    public static async Task<string> RunAsync(EvalSet set, CancellationToken cancellationToken)
    {
        var texts = set.Files
            .SelectMany(f => Encoding.UTF8.GetString(f.Bytes).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Chunk(WordsPerText))
            .Take(Texts)
            .Select(words => string.Join(' ', words))
            .ToArray();
        var generators = EmbeddingModel.All.Select(m => new SentenceEncoderEmbeddingGenerator(m)).ToList();
        try
        {
            var rates = generators.ToDictionary(g => g.Model.Name, _ => new List<double>());
            foreach (var generator in generators)
            {
                await generator.GenerateAsync(texts.Take(8), cancellationToken: cancellationToken); // load the model, untimed
            }
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var generator in generators)
                {
                    var started = Stopwatch.GetTimestamp();
                    await generator.GenerateAsync(texts, cancellationToken: cancellationToken);
                    rates[generator.Model.Name].Add(texts.Length / Stopwatch.GetElapsedTime(started).TotalSeconds);
                }
            }
            var table = new MarkdownTable("Model", "Chunks/s (median of 3)", "vs first");
            var first = rates.Values.First().Order().ElementAt(Rounds / 2);
            foreach (var (model, samples) in rates)
            {
                var median = samples.Order().ElementAt(Rounds / 2);
                table.Add(model, median.ToString("0.0", CultureInfo.InvariantCulture), MarkdownTable.Ratio(median / first));
            }
            return $"### Embedding speed ({texts.Length} texts of up to {WordsPerText} words from {set.Name}, {SentenceEncoderEmbeddingGenerator.EncoderThreads} encoder threads, alternating rounds)\n\n{table}";
        }
        finally
        {
            generators.ForEach(g => g.Dispose());
        }
    }
}
