using System.Diagnostics;
using System.Globalization;
using System.Text;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Yarp;

namespace TacticalRag.Bench.Suites;

/// <summary>The gateway against the floor for an HTTP hop in .NET (a plain YARP proxy) and against calling vLLM directly.</summary>
public sealed class YarpSuite : IBenchSuite
{
    public string Name => "yarp";

    /// <summary>--duration is the measured time per path and concurrency, spread over three rounds.</summary>
    public static HopSettings Settings(BenchOptions options) => options.Quick
        ? new HopSettings(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(2))
        : new HopSettings(3, options.Duration / 3, TimeSpan.FromSeconds(0.5), options.Warmup);

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var targets = new TargetLedger();
        var report = new StringBuilder(MachineReport.Describe(Name));
        report.AppendLine();
        foreach (var (key, value) in options.Settings)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"Gateway setting for this run: `{key}={value}`.");
            report.AppendLine();
        }
        report.AppendLine(HopReport.Write(await HopComparison.RunAsync(Settings(options), cancellationToken, options.Settings), targets));
        report.AppendLine(targets.Summary());
        report.AppendLine(CultureInfo.InvariantCulture, $"_Suite ran in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s._");
        return report.ToString();
    }
}
