using System.Globalization;
using System.Text;
using TacticalRag.Bench.Reporting;

namespace TacticalRag.Bench.Suites.Live;

/// <summary>
/// The original system's comparison (vLLM against Ollama, answer time) measured here, with what its report claimed
/// beside it. Times in seconds.
/// </summary>
public static class LiveReport
{
    /// <summary>The seed's "Speedup Analysis" (answer time, one question at a time): p50, p95, answers a minute.</summary>
    private static readonly Dictionary<string, (double P50, double P95, double PerMinute)> Seed = new()
    {
        ["vLLM"] = (1.5, 2.5, 40),
        ["Ollama"] = (16, 20, 3.75),
    };

    public static readonly string[] Headers =
    [
        "backend", "model", "concurrency", "answers", "errors", "TTFT p50", "TTFT p95", "tok/s p50", "answer p50",
        "answer p95", "answers/min", "tokens/answer", "seed answer p50", "seed answer p95", "seed answers/min",
    ];

    public static string Write(IReadOnlyList<LiveCell> cells, IReadOnlyList<RagPrompt> prompts, int maxTokens)
    {
        var table = new MarkdownTable(Headers);
        foreach (var cell in cells)
        {
            var seed = cell.Concurrency == 1 && Seed.TryGetValue(cell.Target, out var claimed) ? claimed : default((double P50, double P95, double PerMinute)?);
            table.Add(
                cell.Target == cell.ServedBy ? cell.Target : $"{cell.Target} ({cell.ServedBy})",
                $"`{cell.ServedModel}`",
                Count(cell.Concurrency),
                Count(cell.Answers.Count),
                Count(cell.Errors),
                Seconds(cell.FirstTokenSeconds(0.50)),
                Seconds(cell.FirstTokenSeconds(0.95)),
                Rate(cell.TokensPerSecond(0.50)),
                Seconds(cell.AnswerSeconds(0.50)),
                Seconds(cell.AnswerSeconds(0.95)),
                Rate(cell.AnswersPerMinute),
                Rate(cell.MeanTokens),
                seed.HasValue ? Seconds(seed.Value.P50) : "–",
                seed.HasValue ? Seconds(seed.Value.P95) : "–",
                seed.HasValue ? Rate(seed.Value.PerMinute) : "–");
        }

        var text = new StringBuilder();
        text.AppendLine("## vLLM against Ollama, directly and through the gateway");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{prompts.Count} RAG prompts built from `samples/` (the product's grounded prompt, four passages each), streamed, temperature 0, at most {maxTokens} tokens an answer; one unrecorded warm-up answer per backend and concurrency. Times in seconds; TTFT is the time to the first text; tok/s is each answer's decode speed (tokens after the first over the time after the first); answers/min is what the run delivered at that concurrency.");
        text.AppendLine();
        text.Append(table);
        text.AppendLine();
        text.AppendLine(Speedups(cells));
        text.AppendLine("The seed columns are the original system's report (\"Speedup Analysis\": answer time one question at a time, 8B model, same GPU for both). That report gives no run behind them (its test prints them as \"Expected Performance\"): compare the concurrency-1 rows, on your hardware.");
        foreach (var cell in cells.Where(cell => cell.FirstError is not null))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"- {cell.Target}, concurrency {cell.Concurrency}: {cell.Errors} failed; first: {cell.FirstError}");
        }
        return text.ToString();
    }

    private static string Speedups(IReadOnlyList<LiveCell> cells)
    {
        var lines = new StringBuilder();
        foreach (var concurrency in cells.Select(cell => cell.Concurrency).Distinct())
        {
            var vllm = cells.FirstOrDefault(cell => cell.Target == "vLLM" && cell.Concurrency == concurrency);
            var ollama = cells.FirstOrDefault(cell => cell.Target == "Ollama" && cell.Concurrency == concurrency);
            if (vllm is null || ollama is null)
            {
                continue;
            }
            var ratio = ollama.AnswerSeconds(0.50) / vllm.AnswerSeconds(0.50);
            lines.AppendLine(CultureInfo.InvariantCulture,
                $"- Concurrency {concurrency}: Ollama's answer p50 over vLLM's is {MarkdownTable.Ratio(ratio)} (the seed claimed 10.7×, 16 s against 1.5 s).");
        }
        return lines.ToString();
    }

    private static string Seconds(double value) => double.IsNaN(value) ? "–" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Rate(double value) => double.IsNaN(value) ? "–" : value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
