using System.Diagnostics;
using System.Globalization;
using System.Text;
using TacticalRag.TestSupport.Evaluation;
using TacticalRag.Bench.Hosting;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Ingestion;
using TacticalRag.Bench.Suites.IndexLoad;
using TacticalRag.Bench.Suites.Load;
using TacticalRag.TestSupport.Redis;
using static TacticalRag.Bench.Reporting.MarkdownTable;

namespace TacticalRag.Bench.Suites;

/// <summary>
/// A retrieval-only ask (every model server known down, as in local mode without vLLM or Ollama) against a search
/// of the same library, over HTTP on a real Redis: what answering adds when there is no model to wait for. Each round
/// sends one search and one ask of the same question, in alternating order, so both see the same machine load; every
/// question is new to the API, so neither the answer cache nor the query-embedding cache answers it.
/// </summary>
public sealed class AskSuite : IBenchSuite
{
    private const double TargetRatio = 2.0;

    private static readonly string[] Questions =
    [
        "What is the battery life of the AN/PRC-990?", "What is the convoy speed limit at night?",
        "How is a radio check answered?", "What spacing do vehicles keep in a convoy?",
        "How often is the radio battery charged?", "Who leads the convoy briefing?",
    ];

    public string Name => "ask";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var rounds = options.Quick ? 60 : 300;
        var samples = SampleLibrary.Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new DirectoryNotFoundException("samples/ not found above the working directory");
        await using var redis = await RedisServerProcess.StartNewAsync(cancellationToken);
        // Closed loopback ports for both model servers: refused at once, known down after the first probe.
        await using var gateway = BenchGateway.Start(new Uri("http://127.0.0.1:9/"), new Uri("http://127.0.0.1:1/"), new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = redis.ConnectionStringWith(TimeSpan.FromSeconds(60)),
            ["Llm:HealthProbeInterval"] = "00:00:00.500",
        });
        using var client = LoopbackHttp.Create(gateway.BaseAddress, concurrency: 1);
        Progress.Step("ask vs search: uploading the library");
        var chunks = await LoadLibrary.UploadAndWaitAsync(client, samples, cancellationToken);
        await gateway.WaitUntilAsync("vllm", "down", cancellationToken);
        await gateway.WaitUntilAsync("ollama", "down", cancellationToken);

        Progress.Step($"ask vs search: {rounds} rounds after 20 warm-up rounds");
        List<double> searches = [], asks = [], askRetrieval = [];
        var backends = new HashSet<string?>();
        for (var i = -20; i < rounds; i++)
        {
            var question = $"{Questions[(i + 20) % Questions.Length]} ({i + 20})";
            var searchFirst = i % 2 == 0;
            double? search = null;
            if (searchFirst) search = await LibraryHttp.SearchAsync(client, question, cancellationToken);
            var ask = await LibraryHttp.AskAsync(client, question, cancellationToken);
            if (!searchFirst) search = await LibraryHttp.SearchAsync(client, question, cancellationToken);
            if (search is null || ask.Ms is null)
            {
                throw new InvalidOperationException($"round {i}: search or ask did not answer 200");
            }
            if (i >= 0)
            {
                searches.Add(search.Value);
                asks.Add(ask.Ms.Value);
                askRetrieval.Add(ask.RetrievalMs ?? double.NaN);
                backends.Add(ask.Backend);
            }
        }
        return Report(chunks, rounds, searches, asks, askRetrieval, backends);
    }

    private static string Report(int chunks, int rounds, List<double> searches, List<double> asks,
        List<double> askRetrieval, HashSet<string?> backends)
    {
        var text = new StringBuilder(MachineReport.Describe("ask"));
        text.AppendLine();
        text.AppendLine("## Retrieval-only ask vs search");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{LoadLibrary.Files.Length} sample documents ({chunks} chunks) on a real redis-server, vLLM and Ollama on closed "
            + $"loopback ports and known down; {rounds} rounds of `POST /api/search` and `POST /api/ask` with the same new "
            + $"question, one client, times in ms (request sent to body read). Asks answered by: {string.Join(", ", backends)}.");
        text.AppendLine();
        var table = new MarkdownTable("Request", "p50", "p90", "p99");
        table.Add("search", Ms(Percentile(searches, 50)), Ms(Percentile(searches, 90)), Ms(Percentile(searches, 99)));
        table.Add("ask (retrieval-only)", Ms(Percentile(asks, 50)), Ms(Percentile(asks, 90)), Ms(Percentile(asks, 99)));
        table.Add("ask: its retrieval (API's timing)", Ms(Percentile(askRetrieval, 50)), Ms(Percentile(askRetrieval, 90)), Ms(Percentile(askRetrieval, 99)));
        text.AppendLine(table.ToString());
        var ratio = Percentile(asks, 50) / Percentile(searches, 50);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- Ask p50 / search p50: {Ratio(ratio)} (target ≤ {TargetRatio:0.#}×: {(ratio <= TargetRatio ? "met" : "missed")}).");
        return text.ToString();
    }

    private static double Percentile(List<double> values, double percentile)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
