using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.FaultMatrix;

/// <summary>
/// Both model servers failing the same way. Before any token: the LLM endpoints answer 503 with a ProblemDetails, and
/// ask still answers, with the most relevant passages and backend "none". A stream cut after tokens reached the caller
/// ends with an error event; a whole answer whose every stream broke is the same as no answer.
/// </summary>
public sealed class BothFaultyMatrixTests(BothFaultyServers servers) : IClassFixture<BothFaultyServers>
{
    /// <summary>Flapping is left out: with both flapping, whether a request finds one up is a matter of timing.</summary>
    public static TheoryData<SimFault, GeneratingEndpoint> Cases => MatrixCases.Cross(MatrixCases.SteadyFaults);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task WithNoModelAnsweringCallersGetA503OrTheRetrievedPassages(SimFault fault, GeneratingEndpoint endpoint)
    {
        await servers.ResetAsync(vllmFault: fault, ollamaFault: fault);

        var outcome = await servers.Client.CallAsync(endpoint, MatrixCases.Question("both", fault, endpoint));

        if (fault.BreaksMidAnswer() && endpoint.IsStreaming())
        {
            outcome.AssertCutMidAnswer("vllm");
            Assert.Equal(0, servers.Ollama.GenerationRequests);
        }
        else
        {
            outcome.AssertNoModelAnswered();
        }
    }
}

/// <summary>
/// No case with both servers faulty needs an answer in time (only the first tokens of a stream that is then cut, which
/// the simulator sends at once), so the first-token bound is halved: the hang cases wait it out on both backends.
/// </summary>
public sealed class BothFaultyServers() : FaultMatrixServers(new Dictionary<string, string?> { ["Llm:FirstTokenTimeout"] = "00:00:00.750" });
