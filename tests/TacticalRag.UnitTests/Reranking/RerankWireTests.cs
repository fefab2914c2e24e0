using System.Text.Json;
using TacticalRag.Api.Reranking;

namespace TacticalRag.UnitTests.Reranking;

public sealed class RerankWireTests
{
    private static readonly RerankerOptions Tei = new() { Endpoint = new Uri("http://reranker"), Format = RerankerFormat.Tei };
    private static readonly RerankerOptions Vllm = new() { Endpoint = new Uri("http://reranker"), Format = RerankerFormat.Vllm, Model = "BAAI/bge-reranker-base" };

    [Fact]
    public async Task TeiIsAskedOnSlashRerankWithTextsAndTruncation()
    {
        using var request = RerankWire.CreateRequest(Tei, "fuel rules", ["first", "second"]);
        var body = await ReadBodyAsync(request);

        Assert.Equal("http://reranker/rerank", request.RequestUri!.ToString());
        Assert.Equal("fuel rules", body.GetProperty("query").GetString());
        Assert.Equal(["first", "second"], body.GetProperty("texts").EnumerateArray().Select(t => t.GetString()));
        Assert.True(body.GetProperty("truncate").GetBoolean());
        Assert.False(body.GetProperty("raw_scores").GetBoolean());
    }

    [Fact]
    public async Task VllmIsAskedOnSlashV1RerankWithTheModelAndEveryDocument()
    {
        using var request = RerankWire.CreateRequest(Vllm, "fuel rules", ["first", "second"]);
        var body = await ReadBodyAsync(request);

        Assert.Equal("http://reranker/v1/rerank", request.RequestUri!.ToString());
        Assert.Equal("BAAI/bge-reranker-base", body.GetProperty("model").GetString());
        Assert.Equal(["first", "second"], body.GetProperty("documents").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(2, body.GetProperty("top_n").GetInt32());
    }

    [Fact]
    public void ReadsTeiScores()
    {
        var scores = RerankWire.Parse(RerankerFormat.Tei, Json("""[{"index":1,"score":0.9},{"index":0,"score":0.2}]"""));

        Assert.Equal([new RerankScore(1, 0.9), new RerankScore(0, 0.2)], scores);
    }

    [Fact]
    public void ReadsVllmRelevanceScores()
    {
        var scores = RerankWire.Parse(RerankerFormat.Vllm, Json(
            """{"id":"rerank-1","model":"m","usage":{"total_tokens":9},"results":[{"index":1,"document":{"text":"x"},"relevance_score":0.7}]}"""));

        Assert.Equal([new RerankScore(1, 0.7)], scores);
    }

    [Theory]
    [InlineData(RerankerFormat.Tei, """{"error":"batch too large","error_type":"Validation"}""")]
    [InlineData(RerankerFormat.Tei, """[{"index":"one","score":0.9}]""")]
    [InlineData(RerankerFormat.Tei, """[{"index":0}]""")]
    [InlineData(RerankerFormat.Vllm, """[{"index":0,"score":0.9}]""")]
    [InlineData(RerankerFormat.Vllm, """{"results":[{"index":0,"score":0.9}]}""")]
    [InlineData(RerankerFormat.Vllm, """{"object":"error","message":"boom"}""")]
    public void AnAnswerOfAnotherShapeIsNotRead(RerankerFormat format, string json)
    {
        Assert.Null(RerankWire.Parse(format, Json(json)));
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static async Task<JsonElement> ReadBodyAsync(HttpRequestMessage request) =>
        Json(await request.Content!.ReadAsStringAsync());
}
