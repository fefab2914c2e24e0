using System.Diagnostics;
using TacticalRag.ModelServerSim;
using static TacticalRag.Api.Tests.FaultMatrix.FaultMatrixServers;

namespace TacticalRag.Api.Tests.FaultMatrix;

/// <summary>
/// Every way vLLM can fail, against every generating endpoint, with Ollama healthy: the caller always gets an answer.
/// A failure before the first token is answered by Ollama, marked as a fallback; a stream that breaks after tokens
/// reached the caller ends with an error event, and the gateway does not switch to Ollama mid-answer.
/// </summary>
public sealed class VllmFaultMatrixTests(FaultMatrixServers servers) : IClassFixture<FaultMatrixServers>
{
    public static TheoryData<SimFault, GeneratingEndpoint> Cases => MatrixCases.Cross(MatrixCases.SteadyFaults.Prepend(SimFault.None));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CallerGetsAnAnswerWhateverVllmDoes(SimFault fault, GeneratingEndpoint endpoint)
    {
        await servers.ResetAsync(vllmFault: fault);
        var question = MatrixCases.Question("vllm", fault, endpoint);

        var outcome = await servers.Client.CallAsync(endpoint, question);

        if (fault == SimFault.None)
        {
            outcome.AssertAnsweredBy("vllm", VllmModel, fallback: false, question);
            Assert.Equal(0, servers.Ollama.GenerationRequests);
        }
        else if (fault.BreaksMidAnswer() && endpoint.IsStreaming())
        {
            outcome.AssertCutMidAnswer("vllm");
            Assert.Equal(0, servers.Ollama.GenerationRequests);
        }
        else
        {
            // A stream broken mid-answer on invoke/ask also lands here: nothing reached that caller, so Ollama's whole answer is no silent switch.
            outcome.AssertAnsweredBy("ollama", OllamaModel, fallback: true, question);
        }
    }

    [Theory]
    [MemberData(nameof(MatrixCases.EachEndpoint), MemberType = typeof(MatrixCases))]
    public async Task EveryRequestSucceedsWhileVllmFlapsUpAndDown(GeneratingEndpoint endpoint)
    {
        await servers.ResetAsync(vllmFault: SimFault.Flapping);

        // Keep asking across several up and down phases; each request must be answered by whichever backend is up.
        var watched = Stopwatch.StartNew();
        for (var request = 0; request < 6 || watched.Elapsed < FlapInterval * 4; request++)
        {
            var question = MatrixCases.Question("flap", SimFault.Flapping, endpoint, request);
            var outcome = await servers.Client.CallAsync(endpoint, question);
            var backend = outcome.ServedBy();
            Assert.True(backend is "vllm" or "ollama", $"request {request}: {outcome}");
            outcome.AssertAnsweredBy(backend, backend == "vllm" ? VllmModel : OllamaModel, fallback: backend == "ollama", question);
        }
    }
}
