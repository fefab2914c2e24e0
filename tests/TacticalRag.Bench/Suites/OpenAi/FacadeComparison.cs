using System.Text.Json;
using TacticalRag.Bench.Hosting;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Gateway;
using TacticalRag.Bench.Suites.Yarp;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Bench.Suites.OpenAi;

/// <summary>The ways the same prompt reaches the gateway: its own endpoints and the OpenAI-compatible facade.</summary>
public enum FacadePath { Invoke, Stream, OpenAiStream, OpenAi }

public sealed record FacadeRow(FacadePath Path, int Concurrency, LatencySummary Latency);

public sealed record FacadeResult(IReadOnlyList<FacadeRow> Rows, HopSettings Settings, int OllamaAnswers)
{
    public LatencySummary this[FacadePath path, int concurrency] => Rows.Single(r => r.Path == path && r.Concurrency == concurrency).Latency;
}

/// <summary>
/// <c>/v1/chat/completions</c> (model <c>tacticalrag-chat</c>) against <c>/api/llm/invoke</c> and <c>/api/llm/stream</c>,
/// one simulator, one gateway, the paths taking turns in short rounds at concurrency 1 and 16 (as the YARP suite does).
/// </summary>
public static class FacadeComparison
{
    public static readonly int[] Concurrencies = [1, 16];

    public static readonly FacadePath[] Paths = Enum.GetValues<FacadePath>();

    private static byte[] OpenAiBody(bool stream) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        model = "tacticalrag-chat",
        messages = new[] { new { role = "user", content = GatewayCalls.Prompt } },
        max_tokens = GatewayCalls.MaxTokens,
        stream,
    });

    public static async Task<FacadeResult> RunAsync(HopSettings settings, CancellationToken cancellationToken)
    {
        await using var vllm = await ModelServerSimulator.StartAsync(new SimulatorOptions(), cancellationToken);
        await using var ollama = await ModelServerSimulator.StartAsync(new SimulatorOptions(), cancellationToken);
        await using var gateway = BenchGateway.Start(vllm.BaseAddress, ollama.BaseAddress);
        await gateway.WaitUntilAsync("vllm", "up", cancellationToken);
        (await GatewayCalls.InvokeAsync(gateway.Control, cancellationToken)).Expect("vllm", fallback: false, "facade comparison set-up");

        var streamBody = JsonSerializer.SerializeToUtf8Bytes(new { prompt = GatewayCalls.Prompt, maxTokens = GatewayCalls.MaxTokens });
        var openAiStream = OpenAiBody(stream: true);
        var openAiWhole = OpenAiBody(stream: false);
        var clients = new List<HttpClient>();
        var senders = new Dictionary<(FacadePath, int), Func<CancellationToken, Task<bool>>>();
        foreach (var concurrency in Concurrencies)
        {
            var client = LoopbackHttp.Create(gateway.BaseAddress, concurrency);
            clients.Add(client);
            senders[(FacadePath.Invoke, concurrency)] = ct => GatewayCalls.PostAsync(client, GatewayCalls.InvokePath, GatewayCalls.InvokeBody, ct);
            senders[(FacadePath.Stream, concurrency)] = ct => GatewayCalls.PostAsync(client, "/api/llm/stream", streamBody, ct);
            senders[(FacadePath.OpenAiStream, concurrency)] = ct => GatewayCalls.PostAsync(client, "/v1/chat/completions", openAiStream, ct);
            senders[(FacadePath.OpenAi, concurrency)] = ct => GatewayCalls.PostAsync(client, "/v1/chat/completions", openAiWhole, ct);
        }
        try
        {
            if (!await senders[(FacadePath.OpenAiStream, 1)](cancellationToken))
            {
                throw new InvalidOperationException("/v1/chat/completions did not answer 200 at set-up.");
            }
            var top = Concurrencies[^1];
            Progress.Step($"openai: warming up the process, {settings.ProcessWarmup.TotalSeconds:0.#} s per path at concurrency {top}");
            foreach (var path in Paths)
            {
                await new InterleavedRuns().RunRoundAsync(top, settings.ProcessWarmup, TimeSpan.Zero, senders[(path, top)], cancellationToken);
            }
            ollama.ResetCounters();
            var runs = senders.Keys.ToDictionary(key => key, _ => new InterleavedRuns());
            for (var round = 0; round < settings.Rounds; round++)
            {
                Progress.Step($"openai: round {round + 1}/{settings.Rounds}, {Paths.Length} paths × {Concurrencies.Length} concurrencies");
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
            var rows = Concurrencies.SelectMany(c => Paths.Select(p => new FacadeRow(p, c, runs[(p, c)].Summarize()))).ToList();
            return new FacadeResult(rows, settings, ollama.GenerationRequests);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
