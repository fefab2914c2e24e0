using System.Globalization;
using TacticalRag.Bench;
using TacticalRag.Bench.Hosting;
using TacticalRag.Bench.Suites;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Bench;

/// <summary>
/// The live benchmark (<c>bench live</c>), run briefly against the simulator standing in for vLLM and Ollama and the
/// API on real Kestrel in front of them: the comparison table a GPU owner gets, with every row present and well-formed.
/// Figures are not judged here, only their presence and sense.
/// </summary>
public sealed class LiveBenchSuiteTests
{
    private const string ApiKey = "live-bench-test-key-0123456789abcdef";

    [Fact]
    public async Task PrintsAndWritesTheComparisonTableWithEveryBackendDirectlyAndThroughTheGatewayAtConcurrencyOneAndEight()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var options = new SimulatorOptions { TokenDelay = TimeSpan.FromMilliseconds(2) };
        await using var vllm = await ModelServerSimulator.StartAsync(options, timeout.Token);
        await using var ollama = await ModelServerSimulator.StartAsync(options, timeout.Token);
        await using var gateway = BenchGateway.Start(vllm.BaseAddress, ollama.BaseAddress, new Dictionary<string, string?> { ["Security:ApiKey"] = ApiKey });
        var reports = Directory.CreateTempSubdirectory("trag-live-bench-");
        try
        {
            Assert.True(BenchOptions.TryParse(
                ["live", "--vllm", vllm.BaseAddress.ToString(), "--ollama", ollama.BaseAddress.ToString(),
                 "--gateway", gateway.BaseAddress.ToString(), "--api-key", ApiKey, "--requests", "4"],
                out var parsed, out var error), error);

            var report = await new LiveSuite { ReportFolder = reports.FullName }.RunAsync(parsed, timeout.Token);

            var rows = Rows(report);
            Assert.Equal(
                [("vLLM", "1"), ("vLLM", "8"), ("Ollama", "1"), ("Ollama", "8"), ("gateway (vllm)", "1"), ("gateway (vllm)", "8")],
                rows.Select(row => (row["backend"], row["concurrency"])));
            Assert.All(rows, row =>
            {
                Assert.Equal(("4", "0"), (row["answers"], row["errors"]));
                var firstToken = Number(row["TTFT p50"]);
                Assert.InRange(firstToken, 0, Number(row["answer p50"]));
                Assert.InRange(Number(row["TTFT p95"]), firstToken, double.MaxValue);
                Assert.InRange(Number(row["answer p95"]), Number(row["answer p50"]), double.MaxValue);
                Assert.True(Number(row["answer p50"]) > 0, $"answer p50 of {row["backend"]}");
                Assert.True(Number(row["tok/s p50"]) > 0, $"tok/s of {row["backend"]}");
                Assert.True(Number(row["answers/min"]) > 0, $"answers/min of {row["backend"]}");
                Assert.True(Number(row["tokens/answer"]) > 1, $"tokens/answer of {row["backend"]}");
            });
            Assert.Equal(("1.500", "2.500"), (rows[0]["seed answer p50"], rows[0]["seed answer p95"]));
            Assert.Equal(("16.000", "20.000"), (rows[2]["seed answer p50"], rows[2]["seed answer p95"]));
            Assert.Equal("–", rows[1]["seed answer p50"]);
            Assert.Contains("`meta-llama/Meta-Llama-3.1-8B-Instruct`", rows[0]["model"]);
            Assert.Contains("`llama3.1:8b`", rows[2]["model"]);
            Assert.Contains("`meta-llama/Meta-Llama-3.1-8B-Instruct`", rows[4]["model"]);

            var written = Assert.Single(reports.GetFiles("live-*.md"));
            Assert.Equal(report, await File.ReadAllTextAsync(written.FullName, timeout.Token));
            Assert.True(vllm.GenerationRequests > 0 && ollama.GenerationRequests > 0);
        }
        finally
        {
            reports.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task GivesAServerThatCannotAnswerARowOfErrorsSayingWhyAndMeasuresTheOthers()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var vllm = await ModelServerSimulator.StartAsync(new SimulatorOptions { TokenDelay = TimeSpan.FromMilliseconds(2) }, timeout.Token);
        var reports = Directory.CreateTempSubdirectory("trag-live-bench-");
        try
        {
            Assert.True(BenchOptions.TryParse(
                ["live", "--vllm", vllm.BaseAddress.ToString(), "--ollama", "http://127.0.0.1:9/", "--requests", "2"], out var parsed, out var error), error);

            var report = await new LiveSuite { ReportFolder = reports.FullName }.RunAsync(parsed, timeout.Token);

            var rows = Rows(report);
            Assert.Equal([("vLLM", "2", "0"), ("vLLM", "2", "0"), ("Ollama", "0", "2"), ("Ollama", "0", "2")],
                rows.Select(row => (row["backend"], row["answers"], row["errors"])));
            Assert.Equal("–", rows[2]["answer p50"]);
            Assert.Contains("Ollama, concurrency 1: 2 failed; first: warm-up failed: HttpRequestException", report);
        }
        finally
        {
            reports.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task SaysWhichAddressesItNeedsWhenGivenNone()
    {
        Assert.True(BenchOptions.TryParse(["live"], out var parsed, out _));

        var failure = await Assert.ThrowsAsync<ArgumentException>(() => new LiveSuite().RunAsync(parsed, CancellationToken.None));

        Assert.Contains("--vllm <url>", failure.Message);
    }

    [Theory]
    [InlineData("--vllm", "localhost:8000")]
    [InlineData("--requests", "0")]
    public void RefusesAnAddressWithoutSchemeOrANonPositiveCount(string option, string value)
    {
        Assert.False(BenchOptions.TryParse(["live", option, value], out _, out var error));

        Assert.Contains(option, error);
    }

    /// <summary>The comparison table's rows, cells by header.</summary>
    private static List<Dictionary<string, string>> Rows(string report)
    {
        var lines = report.Split('\n').Select(line => line.Trim()).ToList();
        var headerAt = lines.FindIndex(line => line.StartsWith("| backend |", StringComparison.Ordinal));
        Assert.True(headerAt >= 0, report);
        var headers = Cells(lines[headerAt]);
        return lines.Skip(headerAt + 2).TakeWhile(line => line.StartsWith('|'))
            .Select(line => headers.Zip(Cells(line)).ToDictionary(pair => pair.First, pair => pair.Second))
            .ToList();
    }

    private static string[] Cells(string line) => line.Trim('|').Split('|').Select(cell => cell.Trim()).ToArray();

    private static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
}
