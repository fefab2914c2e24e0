using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using TacticalRag.ModelServerSim;
using static TacticalRag.ModelServerSim.Tests.SimulatorHttp;

namespace TacticalRag.ModelServerSim.Tests;

/// <summary>
/// The simulator's two embedding APIs as a client reads them: Ollama's <c>/api/embed</c> and the OpenAI-compatible
/// <c>/v1/embeddings</c> (vLLM, text-embeddings-inference), with their errors and faults.
/// </summary>
public sealed class EmbeddingWireTests
{
    private const string EmbeddingModel = "BAAI/bge-m3";
    private const string German = "Die Batterie des Funkgeräts hält achtzehn Stunden.";
    private const string GermanQuestion = "Wie lange hält die Batterie des Funkgeräts?";
    private const string Unrelated = "Convoys keep fifty metres between vehicles at night.";

    private static Task<ModelServerSimulator> StartOllamaAsync() =>
        ModelServerSimulator.StartAsync(new SimulatorOptions { OllamaModel = "bge-m3", EmbeddingContextWords = 5 });

    [Fact]
    public async Task OllamaEmbedsAStringOrAListIntoUnitVectorsOfTheModelsSizeWithItsTimings()
    {
        await using var simulator = await StartOllamaAsync();
        using var client = Client(simulator);

        using var one = await client.PostJsonAsync("api/embed", """{"model":"bge-m3","input":"Radio checks every hour."}""");
        using var many = await client.PostJsonAsync("api/embed", JsonSerializer.Serialize(new { model = "bge-m3", input = new[] { German, GermanQuestion, Unrelated } }));
        var single = await one.ReadJsonAsync();
        var body = await many.ReadJsonAsync();
        var vectors = body.GetProperty("embeddings").EnumerateArray().Select(v => v.EnumerateArray().Select(x => x.GetSingle()).ToArray()).ToList();

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal("bge-m3", single.GetProperty("model").GetString());
        Assert.Equal(1, single.GetProperty("embeddings").GetArrayLength());
        Assert.True(single.GetProperty("total_duration").GetInt64() > 0);
        Assert.True(single.GetProperty("prompt_eval_count").GetInt32() > 0);
        Assert.Equal(3, vectors.Count);
        Assert.All(vectors, v => Assert.Equal((1024, 1.0), (v.Length, Math.Round(Math.Sqrt(v.Sum(x => (double)x * x)), 4))));
        // A question is nearer its own passage than an unrelated one: the vectors carry meaning tests can rely on.
        Assert.True(Dot(vectors[1], vectors[0]) > Dot(vectors[1], vectors[2]) + 0.2);
    }

    [Fact]
    public async Task OllamaRefusesAModelNotPulledAnInputOfTheWrongTypeAndWithTruncateFalseAnOverlongInput()
    {
        await using var simulator = await StartOllamaAsync();
        using var client = Client(simulator);

        using var missing = await client.PostJsonAsync("api/embed", """{"model":"nomic-embed-text","input":"x"}""");
        using var wrongType = await client.PostJsonAsync("api/embed", """{"model":"bge-m3","input":42}""");
        using var overlong = await client.PostJsonAsync("api/embed", """{"model":"bge-m3","input":"one two three four five six","truncate":false}""");
        using var truncated = await client.PostJsonAsync("api/embed", """{"model":"bge-m3","input":["one two three four five six","one two three four five"]}""");
        var cut = (await truncated.ReadJsonAsync()).GetProperty("embeddings");

        Assert.Equal((HttpStatusCode.NotFound, "model \"nomic-embed-text\" not found, try pulling it first"),
            (missing.StatusCode, (await missing.ReadJsonAsync()).GetProperty("error").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "the input length exceeds the context length"),
            (overlong.StatusCode, (await overlong.ReadJsonAsync()).GetProperty("error").GetString()));
        // truncate defaults to true: the sixth word is past the context and cut, as the server does.
        Assert.Equal(cut[1].GetRawText(), cut[0].GetRawText());
    }

    [Fact]
    public async Task OpenAiAnswersFloatsOrBase64OfTheSameVectorsWithUsageAndAMatryoshkaModelShortensToDimensions()
    {
        await using var simulator = await ModelServerSimulator.StartAsync(new SimulatorOptions { EmbeddingMatryoshka = true });
        using var client = Client(simulator);

        using var floats = await client.PostJsonAsync("v1/embeddings", JsonSerializer.Serialize(new { model = EmbeddingModel, input = new[] { German, Unrelated } }));
        using var base64 = await client.PostJsonAsync("v1/embeddings", JsonSerializer.Serialize(new { model = EmbeddingModel, input = German, encoding_format = "base64" }));
        using var shortened = await client.PostJsonAsync("v1/embeddings", JsonSerializer.Serialize(new { model = EmbeddingModel, input = German, dimensions = 256 }));
        var list = await floats.ReadJsonAsync();
        var first = list.GetProperty("data")[0];
        var asFloats = first.GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle()).ToArray();
        var decoded = MemoryMarshal.Cast<byte, float>(Convert.FromBase64String((await base64.ReadJsonAsync()).GetProperty("data")[0].GetProperty("embedding").GetString()!)).ToArray();
        var small = (await shortened.ReadJsonAsync()).GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle()).ToArray();

        Assert.Equal(HttpStatusCode.OK, floats.StatusCode);
        Assert.Equal(("list", EmbeddingModel, 2), (list.GetProperty("object").GetString(), list.GetProperty("model").GetString(), list.GetProperty("data").GetArrayLength()));
        Assert.Equal(("embedding", 0), (first.GetProperty("object").GetString(), first.GetProperty("index").GetInt32()));
        Assert.Equal(1, list.GetProperty("data")[1].GetProperty("index").GetInt32());
        Assert.True(list.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() > 0);
        Assert.Equal(list.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), list.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Equal(1024, asFloats.Length);
        Assert.Equal(asFloats, decoded);
        Assert.Equal(256, small.Length);
        Assert.Equal(1.0, Math.Round(Math.Sqrt(small.Sum(x => (double)x * x)), 4));
    }

    [Fact]
    public async Task OpenAiRefusesAnotherModelABadEncodingFormatAndTooManyDimensionsInItsErrorShape()
    {
        await using var simulator = await ModelServerSimulator.StartAsync(new SimulatorOptions { EmbeddingMatryoshka = true });
        await using var plain = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);
        using var plainClient = Client(plain);
        using var notMatryoshka = await plainClient.PostJsonAsync("v1/embeddings", $$"""{"model":"{{EmbeddingModel}}","input":"x","dimensions":1024}""");
        Assert.Contains("does not support matryoshka representation", (await notMatryoshka.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString());

        using var otherModel = await client.PostJsonAsync("v1/embeddings", """{"model":"intfloat/e5-small","input":"x"}""");
        using var format = await client.PostJsonAsync("v1/embeddings", $$"""{"model":"{{EmbeddingModel}}","input":"x","encoding_format":"int8"}""");
        using var dimensions = await client.PostJsonAsync("v1/embeddings", $$"""{"model":"{{EmbeddingModel}}","input":"x","dimensions":4096}""");
        using var empty = await client.PostJsonAsync("v1/embeddings", $$"""{"model":"{{EmbeddingModel}}","input":[]}""");

        var notFound = (await otherModel.ReadJsonAsync()).GetProperty("error");
        Assert.Equal((HttpStatusCode.NotFound, "NotFoundError", 404), (otherModel.StatusCode, notFound.GetProperty("type").GetString(), notFound.GetProperty("code").GetInt32()));
        Assert.Equal("The model `intfloat/e5-small` does not exist.", notFound.GetProperty("message").GetString());
        Assert.Equal((HttpStatusCode.BadRequest, "encoding_format"), (format.StatusCode, (await format.ReadJsonAsync()).GetProperty("error").GetProperty("param").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "dimensions"), (dimensions.StatusCode, (await dimensions.ReadJsonAsync()).GetProperty("error").GetProperty("param").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Theory]
    [InlineData("api/embed", SimFault.ServerError, HttpStatusCode.InternalServerError)]
    [InlineData("v1/embeddings", SimFault.ServerError, HttpStatusCode.InternalServerError)]
    [InlineData("api/embed", SimFault.TooManyRequests, HttpStatusCode.TooManyRequests)]
    [InlineData("v1/embeddings", SimFault.TooManyRequests, HttpStatusCode.TooManyRequests)]
    [InlineData("api/embed", SimFault.ModelMissing, HttpStatusCode.NotFound)]
    [InlineData("v1/embeddings", SimFault.ModelMissing, HttpStatusCode.NotFound)]
    public async Task EitherFormatPlaysTheErrorFaultsWithItsOwnErrorBody(string path, SimFault fault, HttpStatusCode status)
    {
        await using var simulator = await StartOllamaAsync();
        await simulator.SetFaultAsync(fault);
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync(path, path == "api/embed"
            ? """{"model":"bge-m3","input":"x"}"""
            : $$"""{"model":"{{EmbeddingModel}}","input":"x"}""");
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(path == "api/embed" ? JsonValueKind.String : JsonValueKind.Object, error.ValueKind);
        Assert.Equal(1, simulator.EmbeddingRequests);
    }

    [Fact]
    public async Task AMalformedFaultCutsTheEmbeddingBodyShort()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.MalformedJson);
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync("v1/embeddings", $$"""{"model":"{{EmbeddingModel}}","input":"x"}""");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
