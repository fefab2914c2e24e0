using System.Net;
using System.Text.Json;
using TacticalRag.ModelServerSim;
using static TacticalRag.ModelServerSim.Tests.SimulatorHttp;

namespace TacticalRag.ModelServerSim.Tests;

/// <summary>Faults that answer 200 with something that is not a whole stream, in both wire formats.</summary>
public sealed class IncompleteStreamFaultTests
{
    [Theory]
    [InlineData("v1/chat/completions", true)]
    [InlineData("api/chat", false)]
    public async Task NonStreamBodyAnswersAStreamRequestWithHalfAJsonBody(string path, bool vllm)
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.NonStreamBody);
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync(path, vllm ? VllmChat(stream: true) : OllamaChat(stream: true));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Theory]
    [InlineData("v1/chat/completions", true)]
    [InlineData("api/chat", false)]
    public async Task EmptyStreamSendsTheStreamHeadersAndNothingElse(string path, bool vllm)
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.EmptyStream);
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync(path, vllm ? VllmChat(stream: true) : OllamaChat(stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(vllm ? "text/event-stream" : "application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InBandErrorFollowsTheFirstTokensInsideThe200()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.InBandError);
        using var client = Client(simulator);

        using var sse = await client.PostJsonAsync("v1/chat/completions", VllmChat(stream: true));
        using var ndjson = await client.PostJsonAsync("api/chat", OllamaChat(stream: true));

        var data = await ReadSseDataAsync(sse);
        Assert.Equal("[DONE]", data[^1]);
        Assert.True(JsonDocument.Parse(data[^2]).RootElement.GetProperty("error").TryGetProperty("message", out _));
        Assert.DoesNotContain(data.SkipLast(1), d => JsonDocument.Parse(d).RootElement.TryGetProperty("choices", out var c)
            && c.GetArrayLength() > 0 && c[0].GetProperty("finish_reason").ValueKind == JsonValueKind.String);
        var lines = await ReadNdjsonAsync(ndjson);
        Assert.Equal(JsonValueKind.String, lines[^1].GetProperty("error").ValueKind);
        Assert.DoesNotContain(lines, l => l.TryGetProperty("done", out var done) && done.GetBoolean());
    }

    [Fact]
    public async Task NoDoneMarkerSendsEveryTokenButNoEndMarker()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.NoDoneMarker);
        using var client = Client(simulator);

        using var sse = await client.PostJsonAsync("v1/chat/completions", VllmChat(stream: true));
        using var ndjson = await client.PostJsonAsync("api/chat", OllamaChat(stream: true));

        var data = await ReadSseDataAsync(sse);
        Assert.NotEmpty(data);
        Assert.DoesNotContain("[DONE]", data);
        var lines = await ReadNdjsonAsync(ndjson);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.False(l.GetProperty("done").GetBoolean()));
    }

    [Theory]
    [InlineData("v1/chat/completions", true)]
    [InlineData("api/chat", false)]
    public async Task StallAfterFirstTokenHoldsTheStreamUntilTheFaultChanges(string path, bool vllm)
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.StallAfterFirstToken);
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync(path, vllm ? VllmChat(stream: true) : OllamaChat(stream: true), HttpCompletionOption.ResponseHeadersRead);
        var reading = ReadLinesUntilEndOrCutAsync(response);
        await simulator.SetFaultAsync(SimFault.None);
        var (lines, error) = await reading.WaitAsync(Bound);

        Assert.NotNull(error);
        var payloads = lines.Where(l => l.Length > 0).ToList();
        Assert.DoesNotContain(payloads, p => p.Contains("[DONE]") || p.Contains("\"done\":true"));
    }
}
