using System.Net;
using System.Text.Json;
using TacticalRag.ModelServerSim;
using static TacticalRag.ModelServerSim.Tests.SimulatorHttp;

namespace TacticalRag.ModelServerSim.Tests;

/// <summary>Ollama's generation routes (chat, generate, embed), checked against WIRE.md with a plain HttpClient.</summary>
public sealed class OllamaGenerationWireTests
{
    private static readonly string[] TimingCounts =
        ["total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration"];

    [Fact]
    public async Task ChatStreamsNdjsonByDefaultEndingWithDoneTrueAReasonAndTimings()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync("api/chat", OllamaChat(stream: null));
        var lines = await ReadNdjsonAsync(response);

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.All(lines.SkipLast(1), line => Assert.False(line.GetProperty("done").GetBoolean()));
        var words = lines.SkipLast(1).Select(line => line.GetProperty("message").GetProperty("content").GetString()).ToList();
        Assert.Equal(ExpectedAnswer(OllamaModel).Split(' ').Length, words.Count);
        Assert.Equal(ExpectedAnswer(OllamaModel), string.Concat(words));
        Assert.All(lines, line => Assert.Equal("assistant", line.GetProperty("message").GetProperty("role").GetString()));
        Assert.All(lines, line => Assert.True(line.GetProperty("created_at").TryGetDateTimeOffset(out _)));
        var last = lines[^1];
        Assert.True(last.GetProperty("done").GetBoolean());
        Assert.Equal("stop", last.GetProperty("done_reason").GetString());
        Assert.All(TimingCounts, name => Assert.True(last.GetProperty(name).GetInt64() > 0, name));
        Assert.Equal(words.Count, last.GetProperty("eval_count").GetInt32());
    }

    [Fact]
    public async Task ChatWithStreamFalseReturnsOneObject()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync("api/chat", OllamaChat(stream: false));
        var body = await response.ReadJsonAsync();

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OllamaModel, body.GetProperty("model").GetString());
        Assert.Equal(ExpectedAnswer(OllamaModel), body.GetProperty("message").GetProperty("content").GetString());
        Assert.True(body.GetProperty("done").GetBoolean());
        Assert.Equal("stop", body.GetProperty("done_reason").GetString());
    }

    [Fact]
    public async Task NumPredictStopsEarlyWithDoneReasonLength()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync("api/chat", OllamaChat(stream: false, extra: ""","options":{"num_predict":2}"""));
        var body = await response.ReadJsonAsync();

        Assert.Equal("Simulated answer", body.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("length", body.GetProperty("done_reason").GetString());
        Assert.Equal(2, body.GetProperty("eval_count").GetInt32());
    }
}
