using System.Diagnostics;
using System.Globalization;
using System.Text;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites;
using TacticalRag.Bench.Suites.FaultCost;
using TacticalRag.Bench.Suites.Load;
using TacticalRag.Bench.Suites.Yarp;

namespace TacticalRag.Bench.Report;

/// <summary>
/// <c>report</c>: the side-by-side benchmarks in one run (gateway vs YARP vs direct, failover cost per fault, retrieval
/// per mode, the load run), written to <c>docs/benchmarks.md</c> with PNG charts in <c>docs/benchmarks/</c>.
/// </summary>
public sealed class ReportCommand : IBenchSuite
{
    public const string MarkdownPath = "docs/benchmarks.md";
    public const string ChartFolder = "docs/benchmarks";

    public string Name => "report";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var root = RepositoryRoot.Find();
        var charts = Path.Combine(root, ChartFolder);
        var hopSettings = options.Quick
            ? new HopSettings(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(2))
            : new HopSettings(3, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2));
        int[] sizes = options.Quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
        var queries = options.Quick ? 100 : 200;
        var header = MachineReport.Describe(Name);

        Progress.Step("report 1/4: gateway vs YARP vs direct");
        var hops = await HopComparison.RunAsync(hopSettings, cancellationToken);
        Progress.Step("report 2/4: failover cost per fault");
        var faults = await FaultCostSampler.RunAsync(FaultCostSuite.Settings(options), cancellationToken);
        Progress.Step("report 3/4: retrieval quality and latency");
        var retrieval = await RetrievalSection.MeasureAsync(sizes, queries, cancellationToken);
        Progress.Step("report 4/4: load run");
        var load = await LoadSuite.MeasureAsync(options, cancellationToken);

        var targets = new TargetLedger();
        var sections = new StringBuilder();
        sections.AppendLine(HopReport.Write(hops, targets));
        sections.AppendLine(Chart(ReportCharts.HopLatency, "p50 and p99 per path and concurrency"));
        sections.AppendLine(FaultCostReport.Write(faults, targets));
        sections.AppendLine(Chart(ReportCharts.FailoverCost, "median latency per fault: healthy, discovering, aware"));
        sections.AppendLine(RetrievalSection.Write(retrieval, queries, targets));
        sections.AppendLine(Chart(ReportCharts.RetrievalQuality, "hit@5 and MRR@10 per mode"));
        sections.AppendLine(Chart(ReportCharts.RetrievalLatency, "search p50 per mode and index size"));
        sections.AppendLine(LoadReport.Write(load.Ask, load.Invoke, load.Setup, targets));
        sections.AppendLine(Chart(ReportCharts.LoadLatency, "ask latency per second, vLLM down phases shaded"));
        sections.AppendLine(Chart(ReportCharts.LoadBackends, "answers per second by backend, vLLM down phases shaded"));

        ReportCharts.Hops(hops, charts);
        ReportCharts.Failover(faults, charts);
        ReportCharts.Retrieval(retrieval, charts);
        ReportCharts.Load(load.Ask, charts);

        var text = new StringBuilder();
        text.AppendLine("# TacticalRag benchmarks");
        text.AppendLine();
        text.AppendLine("Written by `dotnet run -c Release --project tests/TacticalRag.Bench -- report" + (options.Quick ? " --quick" : "") + "`: the gateway "
            + "against a plain YARP hop and a direct call, the cost of failing over under each vLLM fault, hybrid retrieval against BM25 and dense "
            + "alone, and a load run with vLLM flapping, side by side in one process on one machine. Loopback only; the model servers are the "
            + "project's simulators answering without generation delay, so every figure is the system's own cost. Figures from one run on a "
            + "shared machine: compare rows within a table, not runs across days.");
        text.AppendLine();
        text.Append(header[(header.IndexOf('\n') + 1)..].TrimStart('\r', '\n'));
        text.AppendLine($"- Load average at end (1, 5, 15 min): {LoadRun.LoadAverage()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Mode: {(options.Quick ? "--quick (short runs: figures indicative only)" : "full")}; "
            + $"ran in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
        text.AppendLine();
        // The summary stands above the sections here, and the paragraph on what dominates follows it.
        text.AppendLine(targets.Summary().Replace("see the sections above for what dominates", "what dominates follows", StringComparison.Ordinal));
        text.AppendLine(MissedTargets.Write(hops, faults, retrieval, load));
        text.Append(sections);
        text.AppendLine("## Reproduce");
        text.AppendLine();
        text.AppendLine("```");
        text.AppendLine("dotnet run -c Release --project tests/TacticalRag.Bench -- report            # about 7-10 minutes");
        text.AppendLine("dotnet run -c Release --project tests/TacticalRag.Bench -- report --quick    # about 2-3 minutes, indicative");
        text.AppendLine("dotnet run -c Release --project tests/TacticalRag.Bench -- load --askers 64 --duration 60");
        text.AppendLine("dotnet run -c Release --project tests/TacticalRag.Bench -- yarp | failover | gateway | retrieval");
        text.AppendLine("```");

        var markdown = text.ToString();
        var path = Path.Combine(root, MarkdownPath);
        await File.WriteAllTextAsync(path, markdown, cancellationToken);
        Progress.Step($"report written to {path}, charts in {charts}");
        return markdown;
    }

    private static string Chart(string file, string alt) => $"![{alt}](benchmarks/{file})\n";
}
