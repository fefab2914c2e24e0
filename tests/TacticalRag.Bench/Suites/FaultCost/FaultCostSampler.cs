using System.Globalization;
using System.Text.Json;
using TacticalRag.Bench.Hosting;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Gateway;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Bench.Suites.FaultCost;

/// <param name="Samples">Fresh gateways per fault.</param>
/// <param name="AwareRequests">Requests timed per sample once the gateway lists vLLM down.</param>
/// <param name="FirstTokenTimeout">The gateway's <c>Llm:FirstTokenTimeout</c> for every sample.</param>
internal sealed record FaultCostSettings(int Samples, int AwareRequests, TimeSpan FirstTokenTimeout)
{
    /// <summary>Longer than the bound, so a slow first token is a failover, not a slow answer.</summary>
    public TimeSpan SlowFirstTokenDelay => FirstTokenTimeout + TimeSpan.FromSeconds(2);
}

/// <summary>What the gateway listed for vLLM right after the discovering request.</summary>
internal sealed record ListedState(string State, string? Reason);

/// <param name="HealthyMs">The last request before the fault, answered by vLLM on the same gateway.</param>
/// <param name="Discovering">The first request after the fault, while the gateway still believed vLLM up.</param>
/// <param name="Aware">Requests after that, while the gateway lists vLLM down (none when it does not).</param>
internal sealed record FaultSample(double HealthyMs, InvokeResult Discovering, ListedState After, IReadOnlyList<InvokeResult> Aware);

internal sealed record FaultCostResult(FaultCostSettings Settings, IReadOnlyList<(SimFault Fault, IReadOnlyList<FaultSample> Samples)> Faults);

/// <summary>
/// The cost of a vLLM fault to the request that meets it and to the ones after, answered by Ollama. Each sample is a
/// fresh gateway whose health monitor probes only at start (interval at its 10-minute maximum), so nothing but the
/// request itself can find the fault: it pays the discovery, and marks vLLM down for the requests after it.
/// </summary>
internal static class FaultCostSampler
{
    public static readonly SimFault[] Faults =
    [
        SimFault.Refuse, SimFault.Hang, SimFault.SlowFirstToken, SimFault.ServerError, SimFault.TooManyRequests,
        SimFault.MalformedJson, SimFault.ModelMissing, SimFault.Loading, SimFault.StreamCut,
    ];

    private const int WarmRequests = 3;

    public static async Task<FaultCostResult> RunAsync(FaultCostSettings settings, CancellationToken cancellationToken)
    {
        await using var vllm = await ModelServerSimulator.StartAsync(new SimulatorOptions { SlowFirstTokenDelay = settings.SlowFirstTokenDelay }, cancellationToken);
        await using var ollama = await ModelServerSimulator.StartAsync(new SimulatorOptions(), cancellationToken);
        var gatewaySettings = new Dictionary<string, string?>
        {
            ["Llm:HealthProbeInterval"] = "00:10:00",
            ["Llm:FirstTokenTimeout"] = settings.FirstTokenTimeout.ToString("c", CultureInfo.InvariantCulture),
        };
        // The first gateway of a process pays for JIT and first-use costs no later sample does.
        await SampleAsync(vllm, ollama, SimFault.Refuse, gatewaySettings, 1, cancellationToken);

        List<(SimFault, IReadOnlyList<FaultSample>)> results = [];
        foreach (var fault in Faults)
        {
            List<FaultSample> samples = [];
            for (var i = 0; i < settings.Samples; i++)
            {
                samples.Add(await SampleAsync(vllm, ollama, fault, gatewaySettings, settings.AwareRequests, cancellationToken));
            }
            Progress.Step($"failover cost, vLLM {fault}: discovering request {string.Join(", ", samples.Select(s => $"{s.Discovering.Ms:0.0}"))} ms, "
                + $"answered by {string.Join(",", samples.Select(s => s.Discovering.Backend ?? $"HTTP {s.Discovering.Status}").Distinct())}");
            results.Add((fault, samples));
        }
        await vllm.SetFaultAsync(SimFault.None, cancellationToken);
        return new FaultCostResult(settings, results);
    }

    private static async Task<FaultSample> SampleAsync(
        ModelServerSimulator vllm, ModelServerSimulator ollama, SimFault fault, IReadOnlyDictionary<string, string?> settings, int awareRequests,
        CancellationToken cancellationToken)
    {
        await vllm.SetFaultAsync(SimFault.None, cancellationToken);
        await using var gateway = BenchGateway.Start(vllm.BaseAddress, ollama.BaseAddress, settings);
        await gateway.WaitUntilAsync("vllm", "up", cancellationToken);
        await gateway.WaitUntilAsync("ollama", "up", cancellationToken);
        using var client = LoopbackHttp.Create(gateway.BaseAddress, concurrency: 1);
        InvokeResult? healthy = null;
        for (var i = 0; i < WarmRequests; i++)
        {
            healthy = (await GatewayCalls.InvokeAsync(client, cancellationToken)).Expect("vllm", fallback: false, $"before vLLM {fault}");
        }

        await vllm.SetFaultAsync(fault, cancellationToken);
        var discovering = await GatewayCalls.InvokeAsync(client, cancellationToken);
        var after = await ListedAsync(gateway, cancellationToken);
        List<InvokeResult> aware = [];
        for (var i = 0; i < awareRequests && after.State == "down"; i++)
        {
            aware.Add(await GatewayCalls.InvokeAsync(client, cancellationToken));
        }
        await vllm.SetFaultAsync(SimFault.None, cancellationToken);
        return new FaultSample(healthy!.Ms, discovering, after, aware);
    }

    private static async Task<ListedState> ListedAsync(BenchGateway gateway, CancellationToken cancellationToken)
    {
        using var listing = JsonDocument.Parse(await gateway.Control.GetStringAsync(GatewayCalls.BackendsPath, cancellationToken));
        var vllm = listing.RootElement.GetProperty("backends").EnumerateArray().Single(b => b.GetProperty("name").GetString() == "vllm");
        return new ListedState(vllm.GetProperty("state").GetString() ?? "?", vllm.TryGetProperty("lastReason", out var reason) ? reason.GetString() : null);
    }
}
