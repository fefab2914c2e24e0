using System.Net;
using System.Text.Json;
using TacticalRag.ModelServerSim;
using static TacticalRag.ModelServerSim.Tests.SimulatorHttp;

namespace TacticalRag.ModelServerSim.Tests;

/// <summary>vLLM's generation routes (chat, completions, embeddings), checked against WIRE.md with a plain HttpClient.</summary>
public sealed class VllmGenerationWireTests
{
    [Fact]
    public async Task ChatCompletionAnswersWithTheDeterministicTextAndUsage()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync("v1/chat/completions", VllmChat(stream: false));
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("chatcmpl-", body.GetProperty("id").GetString());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.Equal(VllmModel, body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("created").GetInt64() > 0);
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(ExpectedAnswer(VllmModel), choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        var usage = body.GetProperty("usage");
        Assert.Equal(ExpectedAnswer(VllmModel).Split(' ').Length, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(
            usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(),
            usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatStreamSendsARoleChunkOneChunkPerWordAFinishChunkUsageAndDone()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync(
            "v1/chat/completions", VllmChat(stream: true, extra: ""","stream_options":{"include_usage":true}"""));
        var data = await ReadSseDataAsync(response);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[DONE]", data[^1]);
        var chunks = data.SkipLast(1).Select(d => JsonDocument.Parse(d).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        var roleDelta = chunks[0].GetProperty("choices")[0].GetProperty("delta");
        Assert.Equal("assistant", roleDelta.GetProperty("role").GetString());
        Assert.Equal("", roleDelta.GetProperty("content").GetString());

        var words = chunks.Skip(1).SkipLast(2).Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()).ToList();
        Assert.Equal(ExpectedAnswer(VllmModel).Split(' ').Length, words.Count);
        Assert.Equal(ExpectedAnswer(VllmModel), string.Concat(words));

        var finish = chunks[^2].GetProperty("choices")[0];
        Assert.Equal("stop", finish.GetProperty("finish_reason").GetString());
        Assert.Empty(chunks[^1].GetProperty("choices").EnumerateArray());
        Assert.Equal(words.Count, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatStreamWithoutIncludeUsageHasNoUsageChunk()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync("v1/chat/completions", VllmChat(stream: true));
        var data = await ReadSseDataAsync(response);

        Assert.DoesNotContain(data.SkipLast(1), d => JsonDocument.Parse(d).RootElement.TryGetProperty("usage", out _));
        Assert.Equal("stop", JsonDocument.Parse(data[^2]).RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Theory]
    [InlineData("max_tokens")]
    [InlineData("max_completion_tokens")]
    public async Task ChatStopsAtTheTokenLimitWithFinishReasonLength(string field)
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync("v1/chat/completions", VllmChat(stream: false, extra: $",\"{field}\":3"));
        var choice = (await response.ReadJsonAsync()).GetProperty("choices")[0];

        Assert.Equal("Simulated answer from", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
    }
}
