using System.Net;
using System.Text.Json;
using TacticalRag.ModelServerSim;
using static TacticalRag.ModelServerSim.Tests.SimulatorHttp;

namespace TacticalRag.ModelServerSim.Tests;

/// <summary>vLLM's health, version and model listing, its error bodies and its API key, checked against WIRE.md with a plain HttpClient.</summary>
public sealed class VllmWireTests
{
    [Fact]
    public async Task HealthAnswers200WithAnEmptyBody()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        using var response = await client.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ModelsListsTheServedModel()
    {
        await using var simulator = await ModelServerSimulator.StartAsync(new SimulatorOptions { VllmModel = "org/tiny" });
        using var client = Client(simulator);

        var models = await (await client.GetAsync("v1/models")).ReadJsonAsync();

        Assert.Equal("list", models.GetProperty("object").GetString());
        var model = Assert.Single(models.GetProperty("data").EnumerateArray());
        Assert.Equal("org/tiny", model.GetProperty("id").GetString());
        Assert.Equal("model", model.GetProperty("object").GetString());
        Assert.Equal("vllm", model.GetProperty("owned_by").GetString());
        Assert.Equal(8192, model.GetProperty("max_model_len").GetInt32());
        Assert.Equal(JsonValueKind.Null, model.GetProperty("parent").ValueKind);
    }

    [Fact]
    public async Task UnknownModelGets404WithVllmsErrorObject()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync("v1/chat/completions", VllmChat(stream: false, model: "no/such-model"));
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("The model `no/such-model` does not exist.", error.GetProperty("message").GetString());
        Assert.Equal("NotFoundError", error.GetProperty("type").GetString());
        Assert.Equal(404, error.GetProperty("code").GetInt32());
        Assert.True(error.TryGetProperty("param", out _));
    }

    [Fact]
    public async Task InvalidJsonGets400WithVllmsErrorObject()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync("v1/chat/completions", "{\"model\":");
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task WithAnApiKeyV1PathsNeedTheBearerKeyAndHealthStaysOpen()
    {
        await using var simulator = await ModelServerSimulator.StartAsync(new SimulatorOptions { ApiKey = "secret" });
        using var client = Client(simulator);

        using var withoutKey = await client.SendWithKeyAsync(HttpMethod.Get, "v1/models", apiKey: null);
        using var wrongKey = await client.SendWithKeyAsync(HttpMethod.Get, "v1/models", apiKey: "guess");
        using var withKey = await client.SendWithKeyAsync(HttpMethod.Get, "v1/models", apiKey: "secret");
        using var health = await client.SendWithKeyAsync(HttpMethod.Get, "health", apiKey: null);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal("""{"error":"Unauthorized"}""", await withoutKey.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
