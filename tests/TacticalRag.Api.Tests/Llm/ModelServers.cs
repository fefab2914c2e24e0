using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Llm;

/// <summary>A vLLM simulator, an Ollama simulator and the gateway in front of both, started fresh for one test.</summary>
public sealed class ModelServers : IAsyncDisposable
{
    public const string VllmModel = "meta-llama/Meta-Llama-3.1-8B-Instruct";
    public const string OllamaModel = "llama3.1:8b";

    private ModelServers(ModelServerSimulator vllm, ModelServerSimulator ollama, GatewayHost gateway)
    {
        Vllm = vllm;
        Ollama = ollama;
        Gateway = gateway;
    }

    public ModelServerSimulator Vllm { get; }
    public ModelServerSimulator Ollama { get; }
    public GatewayHost Gateway { get; }
    public HttpClient Client => Gateway.Client;

    public static async Task<ModelServers> StartAsync(
        SimFault vllmFault = SimFault.None, SimFault ollamaFault = SimFault.None,
        IDictionary<string, string?>? settings = null, SimulatorOptions? vllmOptions = null)
    {
        var vllm = await ModelServerSimulator.StartAsync(vllmOptions ?? new SimulatorOptions());
        var ollama = await ModelServerSimulator.StartAsync(new SimulatorOptions());
        await vllm.SetFaultAsync(vllmFault);
        await ollama.SetFaultAsync(ollamaFault);
        var gateway = GatewayHost.Start(vllm.BaseAddress, ollama.BaseAddress, settings);
        return new ModelServers(vllm, ollama, gateway);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Vllm.DisposeAsync();
        await Ollama.DisposeAsync();
    }
}
