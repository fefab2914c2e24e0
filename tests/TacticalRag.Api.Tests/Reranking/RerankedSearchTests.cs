using System.Text.Json;
using TacticalRag.Api.ModelServerKit;
using TacticalRag.Api.Tests.Retrieval;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Reranking;

/// <summary><c>POST /api/search</c> with a reranker server (the simulator) on real loopback HTTP, up and failing.</summary>
public sealed class RerankedSearchTests
{
    [Fact]
    public async Task WithoutARerankerTheSearchIsRankedByFusionAndSaysSo()
    {
        await using var host = await SearchHost.StartAsync();
        await RerankerSetup.IndexPassagesAsync(host);

        var search = await SearchCalls.SearchAsync(host, JsonSerializer.Serialize(new { query = RerankerSetup.Query, topK = 3 }));

        Assert.Equal(RerankerSetup.FusionOrder, RerankerSetup.ChunkIds(search));
        Assert.Equal("fusion", search.GetProperty("ranking").GetString());
        Assert.Equal(JsonValueKind.Null, search.GetProperty("rerankSkipped").ValueKind);
    }

    [Theory]
    [InlineData("tei")]
    [InlineData("vllm")]
    public async Task EitherWireFormatPutsTheSearchInTheRerankersOrder(string format)
    {
        await using var setup = await RerankerSetup.StartAsync(format);

        var search = await setup.SearchAsync();

        Assert.Equal(RerankerSetup.RerankOrder, RerankerSetup.ChunkIds(search));
        Assert.Equal("rerank", search.GetProperty("ranking").GetString());
        Assert.Equal(JsonValueKind.Null, search.GetProperty("rerankSkipped").ValueKind);
        var scores = search.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("rerankScore").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal(1, setup.Reranker.RerankRequests);
    }

    [Theory]
    [InlineData("tei", SimFault.Refuse, "unreachable")]
    [InlineData("tei", SimFault.Hang, "timeout")]
    [InlineData("tei", SimFault.ServerError, "server_error")]
    [InlineData("tei", SimFault.TooManyRequests, "rate_limited")]
    [InlineData("tei", SimFault.MalformedJson, "malformed")]
    [InlineData("tei", SimFault.StreamCut, "malformed")]
    [InlineData("vllm", SimFault.Loading, "timeout")]
    [InlineData("vllm", SimFault.ServerError, "server_error")]
    [InlineData("vllm", SimFault.ModelMissing, "rejected")]
    [InlineData("vllm", SimFault.MalformedJson, "malformed")]
    public async Task AFailingRerankerLeavesTheFusedOrderAndTheSearchSaysWhy(string format, SimFault fault, string reason)
    {
        await using var setup = await RerankerSetup.StartAsync(format);
        await setup.WaitUntilAsync(ModelServerAvailability.Up);
        await setup.Reranker.SetFaultAsync(fault);

        var search = await setup.SearchAsync();

        Assert.Equal(RerankerSetup.FusionOrder, RerankerSetup.ChunkIds(search));
        Assert.Equal("fusion", search.GetProperty("ranking").GetString());
        Assert.Equal(reason, search.GetProperty("rerankSkipped").GetString());
    }

    [Fact]
    public async Task ARerankerKnownDownIsSkippedWithoutACallAndUsedAgainOnceItIsBack()
    {
        await using var setup = await RerankerSetup.StartAsync(probeInterval: "00:00:00.100");
        await setup.Reranker.SetFaultAsync(SimFault.Hang);
        await setup.WaitUntilAsync(ModelServerAvailability.Down);
        setup.Reranker.ResetCounters();

        var skipped = await setup.SearchAsync();

        Assert.Equal(RerankerSetup.FusionOrder, RerankerSetup.ChunkIds(skipped));
        Assert.Equal("down", skipped.GetProperty("rerankSkipped").GetString());
        Assert.Equal(0, setup.Reranker.RerankRequests);

        await setup.Reranker.SetFaultAsync(SimFault.None);
        await setup.WaitUntilAsync(ModelServerAvailability.Up);
        var reranked = await setup.SearchAsync();

        Assert.Equal(RerankerSetup.RerankOrder, RerankerSetup.ChunkIds(reranked));
        Assert.Equal("rerank", reranked.GetProperty("ranking").GetString());
    }

    [Fact]
    public async Task ARerankerThatTimedOutIsSkippedByTheNextSearchUntilAProbeFindsItUp()
    {
        await using var setup = await RerankerSetup.StartAsync();
        await setup.WaitUntilAsync(ModelServerAvailability.Up);
        await setup.Reranker.SetFaultAsync(SimFault.Hang);

        var first = await setup.SearchAsync();
        var second = await setup.SearchAsync();

        Assert.Equal("timeout", first.GetProperty("rerankSkipped").GetString());
        Assert.Equal("down", second.GetProperty("rerankSkipped").GetString());
        Assert.Equal(1, setup.Reranker.RerankRequests);
    }
}
