using System.Net;
using System.Text.Json;
using TacticalRag.ModelServerSim;
using static TacticalRag.ModelServerSim.Tests.SimulatorHttp;

namespace TacticalRag.ModelServerSim.Tests;

/// <summary>Faults that answer with an error status: 5xx, 429 and a missing model; and the request counter under faults.</summary>
public sealed class ErrorStatusFaultTests
{
    [Fact]
    public async Task ServerErrorAnswers500WithEachProtocolsBodyAndVllmHealth503()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.ServerError);
        using var client = Client(simulator);

        using var vllm = await client.PostJsonAsync("v1/chat/completions", VllmChat(stream: true));
        using var ollama = await client.PostJsonAsync("api/chat", OllamaChat(stream: null));
        using var health = await client.GetAsync("health");
        using var models = await client.GetAsync("v1/models");
        using var tags = await client.GetAsync("api/tags");

        Assert.Equal(HttpStatusCode.InternalServerError, vllm.StatusCode);
        Assert.Equal(500, (await vllm.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.InternalServerError, ollama.StatusCode);
        Assert.Equal(JsonValueKind.String, (await ollama.ReadJsonAsync()).GetProperty("error").ValueKind);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, models.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, tags.StatusCode);
    }

    [Fact]
    public async Task TooManyRequestsAnswers429WithRetryAfterWhileHealthStaysUp()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.TooManyRequests);
        using var client = Client(simulator);

        using var vllm = await client.PostJsonAsync("v1/chat/completions", VllmChat(stream: false));
        using var ollama = await client.PostJsonAsync("api/chat", OllamaChat(stream: false));
        using var health = await client.GetAsync("health");

        Assert.Equal(HttpStatusCode.TooManyRequests, vllm.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), vllm.Headers.RetryAfter?.Delta);
        Assert.Equal(429, (await vllm.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.TooManyRequests, ollama.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), ollama.Headers.RetryAfter?.Delta);
        Assert.Equal(JsonValueKind.String, (await ollama.ReadJsonAsync()).GetProperty("error").ValueKind);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ModelMissingEmptiesTheListingsAndGenerationGets404()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.ModelMissing);
        using var client = Client(simulator);

        var models = await (await client.GetAsync("v1/models")).ReadJsonAsync();
        var tags = await (await client.GetAsync("api/tags")).ReadJsonAsync();
        using var vllm = await client.PostJsonAsync("v1/chat/completions", VllmChat(stream: false));
        using var ollama = await client.PostJsonAsync("api/chat", OllamaChat(stream: false));

        Assert.DoesNotContain(models.GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() == VllmModel);
        Assert.Empty(tags.GetProperty("models").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, vllm.StatusCode);
        Assert.Equal($"The model `{VllmModel}` does not exist.", (await vllm.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, ollama.StatusCode);
        Assert.Equal($"model \"{OllamaModel}\" not found, try pulling it first", (await ollama.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task GenerationRequestsCountsEveryGenerationRequestWhateverTheFault()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        (await client.PostJsonAsync("v1/chat/completions", VllmChat(stream: false))).Dispose();
        await simulator.SetFaultAsync(SimFault.ServerError);
        (await client.PostJsonAsync("api/chat", OllamaChat(stream: false))).Dispose();
        (await client.PostJsonAsync("v1/chat/completions", VllmChat(stream: true))).Dispose();
        (await client.GetAsync("health")).Dispose();
        var counted = simulator.GenerationRequests;
        simulator.ResetCounters();

        Assert.Equal(3, counted);
        Assert.Equal(0, simulator.GenerationRequests);
    }
}
