using System.Text.Json;
using TacticalRag.Api.Common;
using TacticalRag.Api.Reranking;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.UnitTests.Retrieval;

/// <summary>
/// Ranking, strategy and rerank skip reasons are enums in the code and the same strings on the wire as ever (the web
/// client, OpenAI clients and the README read them), in JSON and in span and metric tags alike.
/// </summary>
public sealed class WireNamesTests
{
    [Theory]
    [InlineData(RetrievalRanking.Fusion, "fusion")]
    [InlineData(RetrievalRanking.Rerank, "rerank")]
    [InlineData(RetrievalRanking.Keyword, "keyword")]
    [InlineData(RetrievalRanking.KeywordRerank, "keyword+rerank")]
    public void RankingsKeepTheirWireNames(RetrievalRanking ranking, string wire) => AssertWire(ranking, wire);

    [Theory]
    [InlineData(RetrievalStrategy.Factual, "factual")]
    [InlineData(RetrievalStrategy.Complex, "complex")]
    [InlineData(RetrievalStrategy.ComplexWithVariants, "complex+variants")]
    public void StrategiesKeepTheirWireNames(RetrievalStrategy strategy, string wire) => AssertWire(strategy, wire);

    [Theory]
    [InlineData(RerankSkipReason.Down, "down")]
    [InlineData(RerankSkipReason.Timeout, "timeout")]
    [InlineData(RerankSkipReason.Unreachable, "unreachable")]
    [InlineData(RerankSkipReason.ServerError, "server_error")]
    [InlineData(RerankSkipReason.RateLimited, "rate_limited")]
    [InlineData(RerankSkipReason.Rejected, "rejected")]
    [InlineData(RerankSkipReason.Malformed, "malformed")]
    public void RerankSkipReasonsKeepTheirWireNames(RerankSkipReason reason, string wire)
    {
        AssertWire(reason, wire);
        Assert.Equal(wire, reason.ToTag());
    }

    [Fact]
    public void AResultWithoutASkippedRerankSaysNull()
    {
        var json = JsonSerializer.SerializeToElement(new SearchResponse(RetrievalStrategy.Factual, [], RetrievalRanking.KeywordRerank), JsonSerializerOptions.Web);

        Assert.Equal("factual", json.GetProperty("strategy").GetString());
        Assert.Equal("keyword+rerank", json.GetProperty("ranking").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("rerankSkipped").ValueKind);
    }

    private static void AssertWire<T>(T value, string wire) where T : struct, Enum
    {
        Assert.Equal(wire, value.WireName());
        Assert.Equal(wire, JsonSerializer.SerializeToElement(value, JsonSerializerOptions.Web).GetString());
        Assert.Equal(value, JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(wire), JsonSerializerOptions.Web));
    }
}
