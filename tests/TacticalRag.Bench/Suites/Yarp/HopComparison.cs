using TacticalRag.Bench.Hosting;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Gateway;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Bench.Suites.Yarp;

/// <summary>The ways the same chat request reaches the vLLM simulator.</summary>
public enum HopPath { Direct, DirectStreaming, Yarp, YarpStreaming, Gateway, GatewayStream, GatewayTrivial }

public sealed record HopRow(HopPath Path, int Concurrency, LatencySummary Latency);

/// <param name="Rounds">How many times every path takes its turn at every concurrency.</param>
/// <param name="RoundDuration">Measured time per path per round.</param>
/// <param name="RowWarmup">Unrecorded time at the start of each turn (the pools are already warm from the round before).</param>
/// <param name="ProcessWarmup">Unrecorded time per path once at the start, while tiered JIT settles.</param>
public sealed record HopSettings(int Rounds, TimeSpan RoundDuration, TimeSpan RowWarmup, TimeSpan ProcessWarmup);

public sealed record HopResult(IReadOnlyList<HopRow> Rows, HopSettings Settings, int OllamaAnswers)
{
    public LatencySummary this[HopPath path, int concurrency] => Rows.Single(r => r.Path == path && r.Concurrency == concurrency).Latency;
}

/// <summary>
/// Direct to the vLLM simulator, through a plain YARP hop, and through the gateway, side by side: one simulator, one
/// process, the paths taking turns in short rounds at concurrency 1 and 16.
/// </summary>
public static class HopComparison
{
    public static readonly int[] Concurrencies = [1, 16];

    public static readonly HopPath[] Paths = Enum.GetValues<HopPath>();

    /// <param name="gatewaySettings">Product settings for the gateway beyond the bench's (--setting), e.g. <c>OTEL_SDK_DISABLED=true</c> to price its telemetry.</param>
    public static async Task<HopResult> RunAsync(
        HopSettings settings, CancellationToken cancellationToken, IReadOnlyList<KeyValuePair<string, string>>? gatewaySettings = null)
    {
        var simulatorOptions = new SimulatorOptions();
        await using var vllm = await ModelServerSimulator.StartAsync(simulatorOptions, cancellationToken);
        await using var ollama = await ModelServerSimulator.StartAsync(new SimulatorOptions(), cancellationToken);
        await using var yarp = await YarpProxyHost.StartAsync(vllm.BaseAddress, cancellationToken);
        await using var gateway = BenchGateway.Start(vllm.BaseAddress, ollama.BaseAddress,
            gatewaySettings?.ToDictionary(setting => setting.Key, string? (setting) => setting.Value));
        await gateway.WaitUntilAsync("vllm", "up", cancellationToken);
        (await GatewayCalls.InvokeAsync(gateway.Control, cancellationToken)).Expect("vllm", fallback: false, "hop comparison set-up");

        var plain = GatewayCalls.VllmChatBody(simulatorOptions.VllmModel, stream: false);
        var streaming = GatewayCalls.VllmChatBody(simulatorOptions.VllmModel, stream: true);
        var clients = new List<HttpClient>();
        var senders = new Dictionary<(HopPath, int), Func<CancellationToken, Task<bool>>>();
        foreach (var concurrency in Concurrencies)
        {
            var direct = Track(clients, LoopbackHttp.Create(vllm.BaseAddress, concurrency));
            var viaYarp = Track(clients, LoopbackHttp.Create(yarp.BaseAddress, concurrency));
            var viaGateway = Track(clients, LoopbackHttp.Create(gateway.BaseAddress, concurrency));
            senders[(HopPath.Direct, concurrency)] = ct => GatewayCalls.PostAsync(direct, GatewayCalls.VllmChatPath, plain, ct);
            senders[(HopPath.DirectStreaming, concurrency)] = ct => GatewayCalls.PostAsync(direct, GatewayCalls.VllmChatPath, streaming, ct);
            senders[(HopPath.Yarp, concurrency)] = ct => GatewayCalls.PostAsync(viaYarp, GatewayCalls.VllmChatPath, plain, ct);
            senders[(HopPath.YarpStreaming, concurrency)] = ct => GatewayCalls.PostAsync(viaYarp, GatewayCalls.VllmChatPath, streaming, ct);
            senders[(HopPath.Gateway, concurrency)] = ct => GatewayCalls.PostAsync(viaGateway, GatewayCalls.InvokePath, GatewayCalls.InvokeBody, ct);
            senders[(HopPath.GatewayStream, concurrency)] = ct => GatewayCalls.PostAsync(viaGateway, GatewayCalls.StreamPath, GatewayCalls.InvokeBody, ct);
            senders[(HopPath.GatewayTrivial, concurrency)] = ct => GatewayCalls.GetAsync(viaGateway, GatewayCalls.BackendsPath, ct);
        }
        try
        {
            if (!await senders[(HopPath.Yarp, 1)](cancellationToken))
            {
                throw new InvalidOperationException("The YARP hop did not answer 200 at set-up.");
            }
            var top = Concurrencies[^1];
            Progress.Step($"hops: warming up the process, {settings.ProcessWarmup.TotalSeconds:0.#} s per path at concurrency {top}");
            foreach (var path in Paths)
            {
                await new InterleavedRuns().RunRoundAsync(top, settings.ProcessWarmup, TimeSpan.Zero, senders[(path, top)], cancellationToken);
            }

            ollama.ResetCounters();
            var runs = senders.Keys.ToDictionary(key => key, _ => new InterleavedRuns());
            for (var round = 0; round < settings.Rounds; round++)
            {
                Progress.Step($"hops: round {round + 1}/{settings.Rounds}, {Paths.Length} paths × {Concurrencies.Length} concurrencies, "
                    + $"{settings.RowWarmup.TotalSeconds:0.##} s + {settings.RoundDuration.TotalSeconds:0.##} s each");
                foreach (var concurrency in Concurrencies)
                {
                    // Each round starts with a different path, so none always follows the same neighbour.
                    for (var i = 0; i < Paths.Length; i++)
                    {
                        var path = Paths[(i + round) % Paths.Length];
                        await runs[(path, concurrency)].RunRoundAsync(concurrency, settings.RowWarmup, settings.RoundDuration, senders[(path, concurrency)], cancellationToken);
                    }
                }
            }
            var rows = Concurrencies.SelectMany(c => Paths.Select(p => new HopRow(p, c, runs[(p, c)].Summarize()))).ToList();
            return new HopResult(rows, settings, ollama.GenerationRequests);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static HttpClient Track(List<HttpClient> clients, HttpClient client)
    {
        clients.Add(client);
        return client;
    }
}
