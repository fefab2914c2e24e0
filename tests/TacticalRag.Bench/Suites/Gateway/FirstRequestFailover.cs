using TacticalRag.Bench.Hosting;
using TacticalRag.Bench.Reporting;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Bench.Suites.Gateway;

/// <summary>
/// The first request after vLLM fails while the gateway still believes it is up. The monitor's probe interval is set
/// to its maximum, so nothing but that request can find out; each sample therefore needs a gateway that has seen vLLM
/// healthy and has not yet seen it fail: a fresh one, started per sample (a few hundred milliseconds).
/// </summary>
internal static class FirstRequestFailover
{
    /// <summary>Requests served by vLLM before the fault: connections open, the last one is the healthy baseline.</summary>
    private const int WarmRequests = 3;

    /// <summary>The longest interval the options allow; every sample ends long before the second probe.</summary>
    public const string ProbeInterval = "00:10:00";

    /// <param name="HealthyMs">The last request before the fault, answered by vLLM on the same fresh gateway.</param>
    /// <param name="MarkedDown">Whether the gateway lists vLLM down afterwards: the request, not a probe, found out.</param>
    public sealed record Sample(double HealthyMs, InvokeResult AfterFault, bool MarkedDown);

    public static async Task<IReadOnlyList<Sample>> MeasureAsync(
        ModelServerSimulator vllm, ModelServerSimulator ollama, SimFault fault, int samples, bool discardFirst,
        IReadOnlyDictionary<string, string?> extraSettings, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>(extraSettings) { ["Llm:HealthProbeInterval"] = ProbeInterval };
        List<Sample> results = [];
        for (var i = discardFirst ? -1 : 0; i < samples; i++)
        {
            var sample = await MeasureOnceAsync(vllm, ollama, fault, settings, cancellationToken);
            if (i >= 0)
            {
                results.Add(sample);
            }
            Progress.Step($"first request after vLLM {fault}: sample {(i < 0 ? "warm-up" : $"{i + 1}/{samples}")}, "
                + $"{sample.AfterFault.Ms:0.0} ms by {sample.AfterFault.Backend ?? $"nobody (HTTP {sample.AfterFault.Status})"}");
        }
        await vllm.SetFaultAsync(SimFault.None, cancellationToken);
        return results;
    }

    /// <summary>
    /// The control for the refused case: the first request of a fresh gateway that learnt from its start-up probe that
    /// vLLM is down, after the same number of requests (rejected ones, so Ollama stays unused). It pays the first use of
    /// the gateway's Ollama client, as the discovering request does, but no discovery.
    /// </summary>
    public static async Task<IReadOnlyList<InvokeResult>> MeasureKnownDownFirstUseAsync(
        ModelServerSimulator vllm, ModelServerSimulator ollama, int samples, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?> { ["Llm:HealthProbeInterval"] = ProbeInterval };
        await vllm.SetFaultAsync(SimFault.Refuse, cancellationToken);
        List<InvokeResult> results = [];
        for (var i = 0; i < samples; i++)
        {
            await using var gateway = BenchGateway.Start(vllm.BaseAddress, ollama.BaseAddress, settings);
            await gateway.WaitUntilAsync("vllm", "down", cancellationToken);
            await gateway.WaitUntilAsync("ollama", "up", cancellationToken);
            using var client = LoopbackHttp.Create(gateway.BaseAddress, concurrency: 1);
            for (var warm = 0; warm < WarmRequests; warm++)
            {
                // Rejected prompts warm what the discovering request also finds warm (connection, routing, the invoke
                // endpoint, body validation) without touching a backend.
                await GatewayCalls.PostAsync(client, GatewayCalls.InvokePath, GatewayCalls.InvalidInvokeBody, cancellationToken);
            }
            results.Add(await GatewayCalls.InvokeAsync(client, cancellationToken));
        }
        Progress.Step($"first request of a gateway that knows vLLM is down: {samples} samples");
        await vllm.SetFaultAsync(SimFault.None, cancellationToken);
        return results;
    }

    private static async Task<Sample> MeasureOnceAsync(
        ModelServerSimulator vllm, ModelServerSimulator ollama, SimFault fault, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        await vllm.SetFaultAsync(SimFault.None, cancellationToken);
        await using var gateway = BenchGateway.Start(vllm.BaseAddress, ollama.BaseAddress, settings);
        await gateway.WaitUntilAsync("vllm", "up", cancellationToken);
        await gateway.WaitUntilAsync("ollama", "up", cancellationToken);
        using var client = LoopbackHttp.Create(gateway.BaseAddress, concurrency: 1);

        InvokeResult? healthy = null;
        for (var i = 0; i < WarmRequests; i++)
        {
            healthy = (await GatewayCalls.InvokeAsync(client, cancellationToken)).Expect("vllm", fallback: false, "before the fault");
        }

        await vllm.SetFaultAsync(fault, cancellationToken);
        var afterFault = await GatewayCalls.InvokeAsync(client, cancellationToken);
        var markedDown = !await gateway.IsHealthyAsync("vllm", cancellationToken);
        return new Sample(healthy!.Ms, afterFault, markedDown);
    }
}
