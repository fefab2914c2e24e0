using System.Diagnostics;
using System.Globalization;
using System.Text;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.OpenAi;

namespace TacticalRag.Bench.Suites;

/// <summary>What the OpenAI-compatible facade costs over the gateway's own endpoints, side by side in one run.</summary>
public sealed class OpenAiSuite : IBenchSuite
{
    public string Name => "openai";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var targets = new TargetLedger();
        var report = new StringBuilder(MachineReport.Describe(Name));
        report.AppendLine();
        report.AppendLine(FacadeReport.Write(await FacadeComparison.RunAsync(YarpSuite.Settings(options), cancellationToken), targets));
        report.AppendLine(targets.Summary());
        report.AppendLine(CultureInfo.InvariantCulture, $"_Suite ran in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s._");
        return report.ToString();
    }
}
