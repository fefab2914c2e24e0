using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Reranking;

/// <summary>The ask response and its stream say how their sources were ranked, with the whole API and a vLLM reranker.</summary>
public sealed class RerankedAskTests : IAsyncLifetime
{
    private ModelServerSimulator _vllm = null!;
    private ModelServerSimulator _reranker = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _vllm = await ModelServerSimulator.StartAsync();
        _reranker = await ModelServerSimulator.StartAsync();
        _gateway = GatewayHost.Start(_vllm.BaseAddress, ollama: null, new Dictionary<string, string?>
        {
            ["Reranker:Endpoint"] = _reranker.BaseAddress.ToString(),
            ["Reranker:Format"] = "vllm",
            ["Reranker:Timeout"] = "00:00:05",
            // Only the first probe: a later one could see a fault first and turn a failure into "down".
            ["Reranker:HealthProbeInterval"] = "00:10:00",
        });
        await _gateway.Client.IngestSamplesAsync("convoy-sop.txt");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _reranker.DisposeAsync();
        await _vllm.DisposeAsync();
    }

    [Fact]
    public async Task AnAnswerAndItsStreamSayTheSourcesWereReranked()
    {
        var answer = await _gateway.Client.AskOkAsync("What is the maximum number of vehicles in one convoy serial?");
        var stream = await _gateway.Client.AskStreamAsync("How far apart do vehicles drive in a convoy at night?");

        Assert.Equal("rerank", answer.GetProperty("ranking").GetString());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("rerankSkipped").ValueKind);
        Assert.Equal("citations", stream.Events[0].Event);
        Assert.Equal("rerank", stream.Events[0].Data.GetProperty("ranking").GetString());
        Assert.Equal("rerank", stream.Last("done")!.Value.GetProperty("ranking").GetString());
        Assert.Equal(2, _reranker.RerankRequests);
    }

    [Fact]
    public async Task AnAnswerWhoseRerankerFailedSaysWhyAndStillCitesItsSources()
    {
        await _reranker.SetFaultAsync(SimFault.ServerError);
        try
        {
            var answer = await _gateway.Client.AskOkAsync("Who approves a convoy's route before it leaves?");

            Assert.Equal("fusion", answer.GetProperty("ranking").GetString());
            Assert.Equal("server_error", answer.GetProperty("rerankSkipped").GetString());
            Assert.NotEmpty(answer.GetProperty("citations").EnumerateArray());
        }
        finally
        {
            await _reranker.SetFaultAsync(SimFault.None);
        }
    }
}
