using TacticalRag.Bench.Hosting;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Bench.Suites.Gateway;

/// <summary>
/// What the gateway adds to a request that vLLM answers: the same prompt sent straight to the vLLM simulator and
/// through <c>/api/llm/invoke</c>, under the same closed-loop load. At the target concurrency two context rows show
/// where the difference comes from: the simulator streaming, and a trivial endpoint on the gateway.
/// </summary>
internal static class OverheadBenchmark
{
    public const int TargetConcurrency = 16;
    private static readonly int[] Concurrencies = [1, TargetConcurrency];

    public enum Route { Direct, Gateway, DirectStreaming, GatewayTrivialEndpoint }

    public sealed record Row(Route Route, int Concurrency, LatencySummary Latency);

    public static async Task<string> RunAsync(
        ModelServerSimulator vllm, ModelServerSimulator ollama, string vllmModel, BenchOptions options, TargetLedger targets,
        CancellationToken cancellationToken)
    {
        await using var gateway = BenchGateway.Start(vllm.BaseAddress, ollama.BaseAddress);
        await gateway.WaitUntilAsync("vllm", "up", cancellationToken);
        (await GatewayCalls.InvokeAsync(gateway.Control, cancellationToken)).Expect("vllm", fallback: false, "gateway overhead set-up");

        var plain = GatewayCalls.VllmChatBody(vllmModel, stream: false);
        var streaming = GatewayCalls.VllmChatBody(vllmModel, stream: true);
        // Context rows reuse connections the rows before them opened, so half the time tells enough and keeps the suite short.
        var (contextWarmup, contextDuration) = (options.Warmup / 2, TimeSpan.FromSeconds(Math.Max(1, options.Duration.TotalSeconds / 2)));
        await WarmUpProcessAsync(vllm, gateway, plain, options, cancellationToken);
        List<Row> rows = [];
        var ollamaAnswers = 0;
        foreach (var concurrency in Concurrencies)
        {
            using var direct = LoopbackHttp.Create(vllm.BaseAddress, concurrency);
            using var viaGateway = LoopbackHttp.Create(gateway.BaseAddress, concurrency);
            rows.Add(await MeasureAsync(Route.Direct, concurrency, options.Warmup, options.Duration,
                ct => GatewayCalls.PostAsync(direct, GatewayCalls.VllmChatPath, plain, ct), cancellationToken));
            ollama.ResetCounters();
            rows.Add(await MeasureAsync(Route.Gateway, concurrency, options.Warmup, options.Duration,
                ct => GatewayCalls.PostAsync(viaGateway, GatewayCalls.InvokePath, GatewayCalls.InvokeBody, ct), cancellationToken));
            ollamaAnswers += ollama.GenerationRequests;
            if (concurrency != TargetConcurrency)
            {
                continue;
            }
            rows.Add(await MeasureAsync(Route.DirectStreaming, concurrency, contextWarmup, contextDuration,
                ct => GatewayCalls.PostAsync(direct, GatewayCalls.VllmChatPath, streaming, ct), cancellationToken));
            rows.Add(await MeasureAsync(Route.GatewayTrivialEndpoint, concurrency, contextWarmup, contextDuration,
                ct => GatewayCalls.GetAsync(viaGateway, GatewayCalls.BackendsPath, ct), cancellationToken));
        }
        return OverheadReport.Write(rows, options, contextWarmup, contextDuration, ollamaAnswers, targets);
    }

    /// <summary>
    /// Tiered JIT keeps recompiling hot code for seconds after start (a background thread, on the same few cores), so
    /// the first rows would pay for it: both paths run unrecorded at the target concurrency first.
    /// </summary>
    private static async Task WarmUpProcessAsync(
        ModelServerSimulator vllm, BenchGateway gateway, byte[] plain, BenchOptions options, CancellationToken cancellationToken)
    {
        var warmup = options.Warmup + options.Warmup;
        Progress.Step($"overhead: warming up the process, {warmup.TotalSeconds:0.#} s per path");
        using var direct = LoopbackHttp.Create(vllm.BaseAddress, TargetConcurrency);
        using var viaGateway = LoopbackHttp.Create(gateway.BaseAddress, TargetConcurrency);
        await ClosedLoopLoad.RunAsync(TargetConcurrency, warmup, TimeSpan.Zero,
            ct => GatewayCalls.PostAsync(direct, GatewayCalls.VllmChatPath, plain, ct), cancellationToken);
        await ClosedLoopLoad.RunAsync(TargetConcurrency, warmup, TimeSpan.Zero,
            ct => GatewayCalls.PostAsync(viaGateway, GatewayCalls.InvokePath, GatewayCalls.InvokeBody, ct), cancellationToken);
    }

    private static async Task<Row> MeasureAsync(
        Route route, int concurrency, TimeSpan warmup, TimeSpan duration, Func<CancellationToken, Task<bool>> send, CancellationToken cancellationToken)
    {
        Progress.Step($"overhead: {route}, concurrency {concurrency}, {warmup.TotalSeconds:0.#} s warm-up + {duration.TotalSeconds:0.#} s");
        return new Row(route, concurrency, await ClosedLoopLoad.RunAsync(concurrency, warmup, duration, send, cancellationToken));
    }
}
