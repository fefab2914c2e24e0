using System.ClientModel;
using System.Text.Json;
using OpenAI.Embeddings;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.OpenAi;

/// <summary><c>/v1/embeddings</c> on the in-process embedder, through the SDK and raw.</summary>
public sealed class EmbeddingsTests : IAsyncLifetime
{
    private ModelServerSimulator _llm = null!;
    private GatewayHost _api = null!;

    public async Task InitializeAsync()
    {
        _llm = await ModelServerSimulator.StartAsync();
        _api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, new Dictionary<string, string?> { ["OpenAi:MaxEmbeddingInputs"] = "3" });
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _llm.DisposeAsync();
    }

    [Fact]
    public async Task TheSdkEmbedsABatchWithTheAliasAndGetsUnitVectorsOfTheModelsSize()
    {
        var embeddings = OpenAiSdk.Client(_api).GetEmbeddingClient("tacticalrag-embed");

        var result = (await embeddings.GenerateEmbeddingsAsync(["convoy spacing", "generator oil change"])).Value;

        Assert.Equal(2, result.Count);
        Assert.All(result, e => Assert.Equal(384, e.ToFloats().Length));
        Assert.All(result, e => Assert.InRange(Math.Sqrt(e.ToFloats().ToArray().Sum(v => (double)v * v)), 0.99, 1.01));
        Assert.NotEqual(result[0].ToFloats().ToArray(), result[1].ToFloats().ToArray());
        Assert.True(result.Usage.InputTokenCount > 0);
    }

    [Fact]
    public async Task FloatAndBase64EncodingsCarryTheSameVector()
    {
        var (_, floats) = await _api.Client.PostJsonAsync("/v1/embeddings", new { model = "snowflake-arctic-embed-xs", input = "radio check", encoding_format = "float" });
        var (_, base64) = await _api.Client.PostJsonAsync("/v1/embeddings", new { model = "snowflake-arctic-embed-xs", input = new[] { "radio check" }, encoding_format = "base64" });
        var sdk = (await OpenAiSdk.Client(_api).GetEmbeddingClient("snowflake-arctic-embed-xs").GenerateEmbeddingAsync("radio check")).Value;

        Assert.Equal("list", floats.GetProperty("object").GetString());
        Assert.Equal("snowflake-arctic-embed-xs", floats.GetProperty("model").GetString());
        var item = floats.GetProperty("data")[0];
        Assert.Equal("embedding", item.GetProperty("object").GetString());
        var vector = item.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        var decoded = new float[vector.Length];
        Buffer.BlockCopy(Convert.FromBase64String(base64.GetProperty("data")[0].GetProperty("embedding").GetString()!), 0, decoded, 0, decoded.Length * 4);
        Assert.Equal(vector, decoded);
        Assert.Equal(vector, sdk.ToFloats().ToArray());
    }

    [Theory]
    [InlineData("""{"model":"tacticalrag-embed","input":"x","dimensions":256}""", "dimensions")]
    [InlineData("""{"model":"tacticalrag-embed","input":"x","encoding_format":"int8"}""", "encoding_format")]
    [InlineData("""{"model":"tacticalrag-embed","input":[1,2,3]}""", "input")]
    [InlineData("""{"model":"tacticalrag-embed","input":["a","b","c","d"]}""", "input")]
    [InlineData("""{"model":"tacticalrag-embed","input":[]}""", "input")]
    [InlineData("""{"model":"tacticalrag-chat","input":"x"}""", "model")]
    public async Task AnEmbeddingRequestOutsideTheLimitsIs400(string body, string param)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _api.Client.PostAsync("/v1/embeddings", content);

        Assert.Equal(400, (int)response.StatusCode);
        OpenAiSdk.AssertError(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement, "invalid_request_error", param: param);
    }

    [Fact]
    public async Task TheSdkSeesARefusedDimensionsAsABadRequest()
    {
        var embeddings = OpenAiSdk.Client(_api).GetEmbeddingClient("tacticalrag-embed");

        var failure = await Assert.ThrowsAsync<ClientResultException>(() =>
            embeddings.GenerateEmbeddingAsync("x", new EmbeddingGenerationOptions { Dimensions = 128 }));

        Assert.Equal(400, failure.Status);
    }
}
