using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Retrieval;

/// <summary>Query variants from a real (simulated) model server, and the search going on without them.</summary>
public sealed class SearchWithModelTests
{
    [Fact]
    public async Task AComplexQuestionIsSearchedWithModelWrittenVariantsWhenAModelAnswers()
    {
        await using var vllm = await ModelServerSimulator.StartAsync(new SimulatorOptions());
        await using var host = await SearchHost.StartAsync(vllm.BaseAddress);
        await SearchCalls.LoadSampleLibraryAsync(host);

        var body = await SearchCalls.SearchAsync(host, """{"query":"Compare the radio check routine with the generator refuelling rules"}""");

        Assert.Equal("complex+variants", body.GetProperty("strategy").GetString());
        Assert.NotEqual(0, body.GetProperty("results").GetArrayLength());
        Assert.True(vllm.GenerationRequests > 0);
    }

    [Fact]
    public async Task AComplexQuestionIsStillAnsweredWhenTheModelServerRefuses()
    {
        await using var vllm = await ModelServerSimulator.StartAsync(new SimulatorOptions());
        await vllm.SetFaultAsync(SimFault.Refuse);
        await using var host = await SearchHost.StartAsync(vllm.BaseAddress);
        await SearchCalls.LoadSampleLibraryAsync(host);

        var body = await SearchCalls.SearchAsync(host, """{"query":"Compare the radio check routine with the generator refuelling rules"}""");

        Assert.Equal("complex", body.GetProperty("strategy").GetString());
        Assert.NotEqual(0, body.GetProperty("results").GetArrayLength());
    }
}
