using System.Net;
using System.Text.Json;
using TacticalRag.ModelServerSim;
using static TacticalRag.ModelServerSim.Tests.SimulatorHttp;

namespace TacticalRag.ModelServerSim.Tests;

/// <summary>Faults that spoil a 200 answer: malformed JSON, a stream cut mid-way, a slow first token.</summary>
public sealed class BrokenBodyFaultTests
{
    [Theory]
    [InlineData("v1/chat/completions", true)]
    [InlineData("api/chat", false)]
    public async Task MalformedJsonGives200WithABodyThatDoesNotParse(string path, bool vllm)
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.MalformedJson);
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync(path, vllm ? VllmChat(stream: false) : OllamaChat(stream: false));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task MalformedJsonBreaksStreamsAndListings()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.MalformedJson);
        using var client = Client(simulator);

        using var sse = await client.PostJsonAsync("v1/chat/completions", VllmChat(stream: true));
        using var ndjson = await client.PostJsonAsync("api/chat", OllamaChat(stream: true));
        var models = await (await client.GetAsync("v1/models")).Content.ReadAsStringAsync();
        var tags = await (await client.GetAsync("api/tags")).Content.ReadAsStringAsync();

        var data = await ReadSseDataAsync(sse);
        Assert.Contains(data, d => d != "[DONE]" && !Parses(d));
        var lines = (await ndjson.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Contains(lines, line => !Parses(line));
        Assert.False(Parses(models));
        Assert.False(Parses(tags));
    }

    [Theory]
    [InlineData("v1/chat/completions", true)]
    [InlineData("api/chat", false)]
    public async Task StreamCutSendsTheConfiguredTokensThenBreaksTheConnection(string path, bool vllm)
    {
        await using var simulator = await ModelServerSimulator.StartAsync(new SimulatorOptions { StreamCutAfterTokens = 3 });
        await simulator.SetFaultAsync(SimFault.StreamCut);
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync(path, vllm ? VllmChat(stream: true) : OllamaChat(stream: true), HttpCompletionOption.ResponseHeadersRead);
        var (lines, error) = await ReadLinesUntilEndOrCutAsync(response);

        Assert.NotNull(error);
        var payloads = lines.Where(l => l.Length > 0).Select(l => vllm ? l["data: ".Length..] : l).ToList();
        Assert.DoesNotContain("[DONE]", payloads);
        var documents = payloads.Select(p => JsonDocument.Parse(p).RootElement).ToList();
        var contentPieces = vllm
            ? documents.Select(d => d.GetProperty("choices")[0].GetProperty("delta")).Count(d => d.TryGetProperty("content", out var c) && c.GetString()!.Length > 0)
            : documents.Count(d => !d.GetProperty("done").GetBoolean());
        Assert.Equal(3, contentPieces);
        Assert.DoesNotContain(documents, d => d.TryGetProperty("done", out var done) && done.GetBoolean());
    }

    [Fact]
    public async Task StreamCutBreaksANonStreamedAnswerBeforeItsBodyEnds()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.StreamCut);
        using var client = Client(simulator);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostJsonAsync("v1/chat/completions", VllmChat(stream: false)));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostJsonAsync("api/chat", OllamaChat(stream: false)));
    }

    [Fact]
    public async Task SlowFirstTokenSendsStreamHeadersAndTheRoleChunkBeforeTheDelay()
    {
        await using var simulator = await ModelServerSimulator.StartAsync(new SimulatorOptions { SlowFirstTokenDelay = TimeSpan.FromMinutes(10) });
        await simulator.SetFaultAsync(SimFault.SlowFirstToken);
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync("v1/chat/completions", VllmChat(stream: true), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delta = JsonDocument.Parse(first![("data: ".Length)..]).RootElement.GetProperty("choices")[0].GetProperty("delta");
        Assert.Equal("assistant", delta.GetProperty("role").GetString());
    }

    [Fact]
    public async Task SlowFirstTokenDelaysANonStreamedAnswerPastAShortClientTimeout()
    {
        await using var simulator = await ModelServerSimulator.StartAsync(new SimulatorOptions { SlowFirstTokenDelay = TimeSpan.FromMinutes(10) });
        await simulator.SetFaultAsync(SimFault.SlowFirstToken);
        using var client = Client(simulator, TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.PostJsonAsync("api/chat", OllamaChat(stream: false)));
    }

    [Fact]
    public async Task SlowFirstTokenStillDeliversTheWholeAnswer()
    {
        await using var simulator = await ModelServerSimulator.StartAsync(new SimulatorOptions { SlowFirstTokenDelay = TimeSpan.FromMilliseconds(200) });
        await simulator.SetFaultAsync(SimFault.SlowFirstToken);
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync("api/chat", OllamaChat(stream: true));
        var lines = await ReadNdjsonAsync(response);

        Assert.Equal(ExpectedAnswer(OllamaModel), string.Concat(lines.Select(l => l.GetProperty("message").GetProperty("content").GetString())));
    }

    private static bool Parses(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
