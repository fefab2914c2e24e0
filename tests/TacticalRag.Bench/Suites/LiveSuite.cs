using System.Diagnostics;
using System.Globalization;
using System.Text;
using TacticalRag.Bench.Report;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Live;

namespace TacticalRag.Bench.Suites;

/// <summary>
/// The seed's comparison on real hardware: vLLM and Ollama measured directly and through the gateway, at concurrency
/// 1 and 8, on RAG prompts built from <c>samples/</c>. Against running servers only: it starts nothing.
/// </summary>
public sealed class LiveSuite : IBenchSuite
{
    public static readonly int[] Concurrencies = [1, 8];

    public string Name => "live";

    /// <summary>Where the report goes when <c>--out</c> is not given (<c>artifacts/bench/live-&lt;date&gt;.md</c>).</summary>
    public string ReportFolder { get; init; } = Path.Combine(RepositoryRoot.Find(), "artifacts", "bench");

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        if (options.VllmUrl is null && options.OllamaUrl is null && options.GatewayUrl is null)
        {
            throw new ArgumentException("The live suite measures running servers: give --vllm <url>, --ollama <url> and/or --gateway <url>.");
        }
        var started = Stopwatch.GetTimestamp();
        var prompts = RagPromptSet.Build(Path.Combine(RepositoryRoot.Find(), "samples"));
        var cells = new List<LiveCell>();
        foreach (var concurrency in Concurrencies)
        {
            foreach (var create in Targets(options, concurrency))
            {
                using var target = create();
                cells.Add(await LiveRun.MeasureAsync(target, prompts, concurrency, options.Requests, cancellationToken));
            }
        }
        cells = [.. cells.OrderBy(cell => TargetOrder(cell.Target)).ThenBy(cell => cell.Concurrency)];

        var report = new StringBuilder(MachineReport.Describe(Name));
        report.AppendLine(CultureInfo.InvariantCulture, $"- Servers: {Describe(options)}");
        report.AppendLine();
        report.AppendLine(LiveReport.Write(cells, prompts, options.MaxTokens));
        report.AppendLine(CultureInfo.InvariantCulture, $"_Suite ran in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s._");
        var text = report.ToString();

        if (options.OutFile is null)
        {
            Directory.CreateDirectory(ReportFolder);
            var path = Path.Combine(ReportFolder, $"live-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
            await File.WriteAllTextAsync(path, text, cancellationToken);
            Progress.Step($"Report written to {path}");
        }
        return text;
    }

    private static IEnumerable<Func<ILiveTarget>> Targets(BenchOptions options, int concurrency)
    {
        if (options.VllmUrl is { } vllm)
        {
            yield return () => ChatClientTarget.Vllm(vllm, options.VllmModel, concurrency, options.MaxTokens);
        }
        if (options.OllamaUrl is { } ollama)
        {
            yield return () => ChatClientTarget.Ollama(ollama, options.OllamaModel, concurrency, options.MaxTokens);
        }
        if (options.GatewayUrl is { } gateway)
        {
            yield return () => new GatewayTarget(gateway, options.ApiKey, concurrency, options.MaxTokens);
        }
    }

    private static int TargetOrder(string target) => target switch { "vLLM" => 0, "Ollama" => 1, _ => 2 };

    private static string Describe(BenchOptions options) => string.Join(", ", new[]
    {
        options.VllmUrl is { } vllm ? $"vLLM {vllm}" : null,
        options.OllamaUrl is { } ollama ? $"Ollama {ollama}" : null,
        options.GatewayUrl is { } gateway ? $"gateway {gateway}" : null,
    }.OfType<string>());
}
