using System.Diagnostics;
using System.Globalization;
using System.Text;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Gateway;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Bench.Suites;

/// <summary>
/// The original system's "performance comparison", now about the gateway: what it adds to a request vLLM answers,
/// and what failing over to Ollama costs when vLLM refuses connections or hangs.
/// </summary>
public sealed class GatewaySuite : IBenchSuite
{
    private static readonly TimeSpan ProductFirstTokenTimeout = TimeSpan.FromSeconds(10);

    public string Name => "gateway";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var simulatorOptions = new SimulatorOptions();
        await using var vllm = await ModelServerSimulator.StartAsync(simulatorOptions, cancellationToken);
        await using var ollama = await ModelServerSimulator.StartAsync(new SimulatorOptions(), cancellationToken);

        var targets = new TargetLedger();
        var report = new StringBuilder(MachineReport.Describe(Name));
        report.AppendLine(CultureInfo.InvariantCulture, $"- Settings: duration {options.Duration.TotalSeconds:0.#} s, warm-up {options.Warmup.TotalSeconds:0.#} s, "
            + $"failover duration {options.FailoverDuration.TotalSeconds:0.#} s, {options.FailoverSamples} discovery samples, {options.HangSamples} hang samples");
        report.AppendLine("- Backends: two in-process model-server simulators (vLLM and Ollama wire formats), answers with no generation delay, "
            + "so the figures are the gateway's own cost, not a model's");
        report.AppendLine();

        report.AppendLine(await OverheadBenchmark.RunAsync(vllm, ollama, simulatorOptions.VllmModel, options, targets, cancellationToken));

        report.AppendLine("## 2. Failover cost");
        report.AppendLine();
        report.AppendLine(await KnownDownFailoverBenchmark.RunAsync(vllm, ollama, options, targets, cancellationToken));

        var refused = await FirstRequestFailover.MeasureAsync(
            vllm, ollama, SimFault.Refuse, options.FailoverSamples, discardFirst: true, new Dictionary<string, string?>(), cancellationToken);
        var knownDownFirstUse = await FirstRequestFailover.MeasureKnownDownFirstUseAsync(vllm, ollama, options.FailoverSamples, cancellationToken);
        report.AppendLine(DiscoveryFailoverReport.Refused(refused, knownDownFirstUse, targets));

        var firstTokenTimeout = options.FirstTokenTimeout ?? ProductFirstTokenTimeout;
        var hangSettings = new Dictionary<string, string?>();
        if (options.FirstTokenTimeout is { } shortened)
        {
            hangSettings["Llm:FirstTokenTimeout"] = shortened.ToString("c", CultureInfo.InvariantCulture);
        }
        var hanging = await FirstRequestFailover.MeasureAsync(
            vllm, ollama, SimFault.Hang, options.HangSamples, discardFirst: false, hangSettings, cancellationToken);
        report.AppendLine(DiscoveryFailoverReport.Hanging(hanging, firstTokenTimeout, productDefault: options.FirstTokenTimeout is null, targets));

        report.AppendLine(targets.Summary());
        report.AppendLine(CultureInfo.InvariantCulture, $"_Suite ran in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s._");
        return report.ToString();
    }
}
