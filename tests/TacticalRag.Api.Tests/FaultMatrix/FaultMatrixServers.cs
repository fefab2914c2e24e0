using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.FaultMatrix;

/// <summary>
/// One vLLM simulator, one Ollama simulator and the API in front of both, with a one-document library, shared by the
/// cases of one matrix class. Each case starts from <see cref="ResetAsync"/>: both servers healthy and seen healthy by
/// the gateway, counters at zero, then the case's faults; so no case depends on what an earlier one left behind.
/// </summary>
public class FaultMatrixServers : IAsyncLifetime
{
    public const string VllmModel = "meta-llama/Meta-Llama-3.1-8B-Instruct";
    public const string OllamaModel = "llama3.1:8b";

    /// <summary>
    /// Beyond the gateway's first-token budget even for the last backend standing (1.5 s per attempt × 3 attempts plus
    /// backoff, see GatewayHost), so a slow first token always counts as a failure, never as a late answer.
    /// </summary>
    public static readonly TimeSpan SlowFirstTokenDelay = TimeSpan.FromSeconds(6);

    public static readonly TimeSpan FlapInterval = TimeSpan.FromMilliseconds(300);

    private readonly IDictionary<string, string?>? _settings;
    private GatewayHost _gateway = null!;

    public FaultMatrixServers()
        : this(null)
    {
    }

    /// <param name="settings">Gateway settings on top of <see cref="GatewayHost"/>'s test defaults.</param>
    protected FaultMatrixServers(IDictionary<string, string?>? settings)
    {
        // A stalled stream must fail within a bound the cases can afford; the real default is 30 s.
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Llm:StallTimeout"] = "00:00:01" };
    }

    public ModelServerSimulator Vllm { get; private set; } = null!;
    public ModelServerSimulator Ollama { get; private set; } = null!;
    public HttpClient Client => _gateway.Client;

    public async Task InitializeAsync()
    {
        Vllm = await ModelServerSimulator.StartAsync(Options());
        Ollama = await ModelServerSimulator.StartAsync(Options());
        _gateway = GatewayHost.Start(Vllm.BaseAddress, Ollama.BaseAddress, _settings);
        await Client.IngestSamplesAsync("glossary.md");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await Vllm.DisposeAsync();
        await Ollama.DisposeAsync();
    }

    /// <summary>Both servers healthy and freshly probed as such, counters cleared, then the case's faults switched on.</summary>
    public async Task ResetAsync(SimFault vllmFault = SimFault.None, SimFault ollamaFault = SimFault.None)
    {
        await Vllm.SetFaultAsync(SimFault.None);
        await Ollama.SetFaultAsync(SimFault.None);
        var healedAt = DateTimeOffset.UtcNow;
        // "Healthy" must come from a probe after the heal: an older one may still be on its way with a stale "down".
        await Eventually.ReturnsAsync(() => ProbedHealthySinceAsync(healedAt), healthy => healthy,
            "both backends are probed healthy after the reset");
        Vllm.ResetCounters();
        Ollama.ResetCounters();
        await Vllm.SetFaultAsync(vllmFault);
        await Ollama.SetFaultAsync(ollamaFault);
    }

    private async Task<bool> ProbedHealthySinceAsync(DateTimeOffset since)
    {
        var backends = (await Client.GetBackendsAsync()).GetProperty("backends").EnumerateArray().ToArray();
        return backends.Length == 2 && backends.All(b =>
            b.GetProperty("healthy").GetBoolean()
            && b.GetProperty("lastCheckedUtc").ValueKind == JsonValueKind.String
            && b.GetProperty("lastCheckedUtc").GetDateTimeOffset() > since);
    }

    private static SimulatorOptions Options() => new()
    {
        VllmModel = VllmModel,
        OllamaModel = OllamaModel,
        SlowFirstTokenDelay = SlowFirstTokenDelay,
        FlapInterval = FlapInterval,
    };
}
