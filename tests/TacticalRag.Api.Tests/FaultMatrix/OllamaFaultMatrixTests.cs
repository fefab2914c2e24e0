using TacticalRag.ModelServerSim;
using static TacticalRag.Api.Tests.FaultMatrix.FaultMatrixServers;

namespace TacticalRag.Api.Tests.FaultMatrix;

/// <summary>Every way Ollama can fail, with vLLM healthy: nothing changes for the caller, and Ollama is never asked.</summary>
public sealed class OllamaFaultMatrixTests(FaultMatrixServers servers) : IClassFixture<FaultMatrixServers>
{
    public static TheoryData<SimFault, GeneratingEndpoint> Cases => MatrixCases.Cross(MatrixCases.SteadyFaults.Append(SimFault.Flapping));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task VllmAnswersAsUsualWhateverOllamaDoes(SimFault fault, GeneratingEndpoint endpoint)
    {
        await servers.ResetAsync(ollamaFault: fault);
        var question = MatrixCases.Question("ollama", fault, endpoint);

        var outcome = await servers.Client.CallAsync(endpoint, question);

        outcome.AssertAnsweredBy("vllm", VllmModel, fallback: false, question);
        Assert.Equal(0, servers.Ollama.GenerationRequests);
    }
}
