using System.Net;
using System.Text.Json;
using TacticalRag.ModelServerSim;
using static TacticalRag.ModelServerSim.Tests.SimulatorHttp;

namespace TacticalRag.ModelServerSim.Tests;

/// <summary>Ollama's liveness, version, model inventory, pull and error bodies, checked against WIRE.md with a plain HttpClient.</summary>
public sealed class OllamaWireTests
{
    [Fact]
    public async Task RootSaysOllamaIsRunningForGetAndHead()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        using var get = await client.GetAsync("");
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, ""));

        Assert.Equal("Ollama is running", await get.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task TagsListsThePulledModelWithItsDetails()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        var tags = await (await client.GetAsync("api/tags")).ReadJsonAsync();

        var model = Assert.Single(tags.GetProperty("models").EnumerateArray());
        Assert.Equal(OllamaModel, model.GetProperty("name").GetString());
        Assert.Equal(OllamaModel, model.GetProperty("model").GetString());
        Assert.True(model.GetProperty("size").GetInt64() > 0);
        Assert.Equal(64, model.GetProperty("digest").GetString()!.Length);
        Assert.True(model.GetProperty("modified_at").TryGetDateTimeOffset(out _));
        Assert.Equal("llama", model.GetProperty("details").GetProperty("family").GetString());
    }

    [Fact]
    public async Task AModelNotPulledGets404WithOllamasMessage()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        using var chat = await client.PostJsonAsync("api/chat", OllamaChat(stream: false, model: "mistral:7b"));

        Assert.Equal(HttpStatusCode.NotFound, chat.StatusCode);
        Assert.Equal("""{"error":"model \"mistral:7b\" not found, try pulling it first"}""", await chat.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PullStreamsProgressAndThenTheModelIsListedAndServed()
    {
        await using var simulator = await ModelServerSimulator.StartAsync(new SimulatorOptions { OllamaModelPulled = false });
        using var client = Client(simulator);

        var tagsBefore = await (await client.GetAsync("api/tags")).ReadJsonAsync();
        using var chatBefore = await client.PostJsonAsync("api/chat", OllamaChat(stream: false));
        using var pull = await client.PostJsonAsync("api/pull", $$"""{"model":"{{OllamaModel}}"}""");
        var progress = await ReadNdjsonAsync(pull);
        var tagsAfter = await (await client.GetAsync("api/tags")).ReadJsonAsync();
        using var chatAfter = await client.PostJsonAsync("api/chat", OllamaChat(stream: false));

        Assert.Empty(tagsBefore.GetProperty("models").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, chatBefore.StatusCode);
        var statuses = progress.Select(p => p.GetProperty("status").GetString()!).ToList();
        Assert.Equal("pulling manifest", statuses[0]);
        var downloads = progress.Where(p => p.GetProperty("status").GetString()!.StartsWith("pulling ", StringComparison.Ordinal) && p.TryGetProperty("total", out _)).ToList();
        Assert.True(downloads.Count > 2);
        Assert.Equal(downloads[^1].GetProperty("total").GetInt64(), downloads[^1].GetProperty("completed").GetInt64());
        Assert.Equal(["verifying sha256 digest", "writing manifest", "success"], statuses.TakeLast(3));
        Assert.Equal(OllamaModel, Assert.Single(tagsAfter.GetProperty("models").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, chatAfter.StatusCode);
    }
}
