using System.Net;
using System.Text.Json;
using TacticalRag.ModelServerSim;
using static TacticalRag.Api.Tests.Simulator.SimulatorHttp;

namespace TacticalRag.Api.Tests.Simulator;

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

    [Fact]
    public async Task CompletionsAnswerARawPromptAndStreamTextCompletionChunks()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);
        var request = $$"""{"model":"{{VllmModel}}","prompt":"{{Question}}","max_tokens":512""";

        var complete = await (await client.PostJsonAsync("v1/completions", request + "}")).ReadJsonAsync();
        using var streamed = await client.PostJsonAsync("v1/completions", request + ",\"stream\":true}");
        var data = await ReadSseDataAsync(streamed);

        Assert.Equal("text_completion", complete.GetProperty("object").GetString());
        Assert.Equal(ExpectedAnswer(VllmModel), complete.GetProperty("choices")[0].GetProperty("text").GetString());
        Assert.Equal("[DONE]", data[^1]);
        var texts = data.SkipLast(1).Select(d => JsonDocument.Parse(d).RootElement.GetProperty("choices")[0].GetProperty("text").GetString());
        Assert.Equal(ExpectedAnswer(VllmModel), string.Concat(texts));
    }

    [Fact]
    public async Task EmbeddingsAreDeterministicUnitVectorsAsFloatsOrBase64()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);
        var request = $$"""{"model":"{{VllmModel}}","input":["alpha","beta","alpha"]""";

        var floats = await (await client.PostJsonAsync("v1/embeddings", request + "}")).ReadJsonAsync();
        var base64 = await (await client.PostJsonAsync("v1/embeddings", request + ",\"encoding_format\":\"base64\"}")).ReadJsonAsync();

        Assert.Equal("list", floats.GetProperty("object").GetString());
        var vectors = floats.GetProperty("data").EnumerateArray()
            .Select(d => d.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToList();
        Assert.Equal(3, vectors.Count);
        Assert.Equal(vectors[0], vectors[2]);
        Assert.NotEqual(vectors[0], vectors[1]);
        Assert.InRange(vectors[0].Sum(v => v * v), 0.999f, 1.001f);
        var decoded = Convert.FromBase64String(base64.GetProperty("data")[0].GetProperty("embedding").GetString()!);
        Assert.Equal(vectors[0], Enumerable.Range(0, decoded.Length / 4).Select(i => BitConverter.ToSingle(decoded, i * 4)));
    }
}
