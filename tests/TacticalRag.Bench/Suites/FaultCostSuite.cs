using System.Diagnostics;
using System.Globalization;
using System.Text;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.FaultCost;

namespace TacticalRag.Bench.Suites;

/// <summary>What each vLLM fault costs a request that Ollama ends up answering: before the gateway knows, and after.</summary>
public sealed class FaultCostSuite : IBenchSuite
{
    /// <summary>Short, so the time-bound faults finish quickly; the report states it.</summary>
    private static readonly TimeSpan DefaultFirstTokenBound = TimeSpan.FromSeconds(1);

    public string Name => "failover";

    internal static FaultCostSettings Settings(BenchOptions options) => new(
        Samples: options.Quick ? 2 : 5,
        AwareRequests: 40,
        FirstTokenTimeout: options.FirstTokenTimeout ?? DefaultFirstTokenBound);

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var targets = new TargetLedger();
        var report = new StringBuilder(MachineReport.Describe(Name));
        report.AppendLine();
        report.AppendLine(FaultCostReport.Write(await FaultCostSampler.RunAsync(Settings(options), cancellationToken), targets));
        report.AppendLine(targets.Summary());
        report.AppendLine(CultureInfo.InvariantCulture, $"_Suite ran in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s._");
        return report.ToString();
    }
}
