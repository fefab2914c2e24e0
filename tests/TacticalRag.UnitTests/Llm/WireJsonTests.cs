using System.Buffers;
using System.Text;
using System.Text.Json;
using TacticalRag.Api.Llm;

namespace TacticalRag.UnitTests.Llm;

/// <summary>What the gateway reads from each streamed event of vLLM (WIRE.md) and Ollama, without the client libraries.</summary>
public sealed class WireJsonTests
{
    [Fact]
    public void AVllmChunkGivesItsContentUnescaped()
    {
        var delta = Vllm("""{"id":"chatcmpl-1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":"Say \"h\u00e9llo\"\\n\ud83d\ude00"},"finish_reason":null}]}""");

        Assert.Equal("Say \"héllo\"\\n😀", delta.Text);
        Assert.Null(delta.FinishReason);
    }

    [Fact]
    public void VllmsRoleOnlyAndUsageChunksCarryNoText()
    {
        Assert.Equal(("", null), Vllm("""{"choices":[{"index":0,"delta":{"role":"assistant","content":null},"finish_reason":null}]}"""));
        Assert.Equal(("", null), Vllm("""{"object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}"""));
    }

    [Fact]
    public void TheLastVllmChunkCarriesItsFinishReason()
    {
        Assert.Equal(("", "length"), Vllm("""{"choices":[{"index":0,"delta":{},"finish_reason":"length"}]}"""));
        Assert.Equal(("!", "stop"), Vllm("""{"choices":[{"index":0,"delta":{"content":"!"},"finish_reason":"stop","logprobs":null,"stop_reason":null}]}"""));
    }

    [Theory]
    [InlineData("""{"error":{"message":"engine died","type":"InternalServerError","param":null,"code":500}}""", "engine died")]
    [InlineData("""{"object":"error","message":"engine died","type":"InternalServerError","param":null,"code":500}""", "engine died")]
    public void AnErrorInsideVllmsStreamThrowsWithItsMessage(string json, string message)
    {
        var error = Assert.Throws<InBandLlmErrorException>(() => Vllm(json));

        Assert.Contains("vllm", error.Message);
        Assert.Contains(message, error.Message);
        Assert.True(FailureReasons.TryClassify(error, out var reason));
        Assert.Equal(FailureReason.ServerError, reason);
    }

    [Theory]
    [InlineData("""{"id":"chatcmpl-1","choices":[{"delta":{"content":"cut""")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void AMalformedEventIsAMalformedResponse(string json)
    {
        var error = Assert.ThrowsAny<JsonException>(() => Vllm(json));

        Assert.True(FailureReasons.TryClassify(error, out var reason));
        Assert.Equal(FailureReason.MalformedResponse, reason);
    }

    [Fact]
    public void OllamaLinesGiveTheirPieceAndTheDoneLineItsReason()
    {
        Assert.Equal(("Ol\u00e1 \"x\"", null), Ollama("""{"model":"m","created_at":"2024-01-01T00:00:00Z","message":{"role":"assistant","content":"Ol\u00e1 \"x\""},"done":false}"""));
        Assert.Equal(("", "length"), Ollama("""{"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"length","eval_count":3}"""));
        Assert.Equal(("", "stop"), Ollama("""{"model":"m","message":{"role":"assistant","content":""},"done":true}"""));
    }

    [Fact]
    public void OllamaReadsALineSplitAcrossBufferSegments()
    {
        var json = Encoding.UTF8.GetBytes("""{"message":{"role":"assistant","content":"split \u00e9 here"},"done":false}""");
        var first = new Segment(json.AsMemory(0, 30));
        var last = first.Append(json.AsMemory(30));
        using var text = new PooledUtf8Buffer();
        var reader = new Utf8JsonReader(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));

        var delta = WireJson.ReadOllamaLine(ref reader, text, "ollama");

        Assert.Equal("split é here", Encoding.UTF8.GetString(delta.Utf8Text.Span));
    }

    [Fact]
    public void AnErrorLineInsideOllamasStreamThrowsWithItsMessage()
    {
        var error = Assert.Throws<InBandLlmErrorException>(() => Ollama("""{"error":"an error was encountered while running the model"}"""));

        Assert.Contains("ollama", error.Message);
        Assert.Contains("an error was encountered while running the model", error.Message);
    }

    [Theory]
    [InlineData("""{"error":{"message":"The model `x` does not exist.","type":"NotFoundError","param":null,"code":404}}""", "The model `x` does not exist.")]
    [InlineData("""{"object":"error","message":"The model `x` does not exist.","type":"NotFoundError","param":null,"code":404}""", "The model `x` does not exist.")]
    [InlineData("""{"error":"Unauthorized"}""", "Unauthorized")]
    [InlineData("""{"error":"model \"x\" not found, try pulling it first"}""", "model \"x\" not found, try pulling it first")]
    public void ErrorBodiesOfBothProtocolsGiveTheirMessage(string json, string message)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));

        Assert.Equal(message, WireJson.ReadError(ref reader));
    }

    private static (string Text, string? FinishReason) Vllm(string json)
    {
        using var text = new PooledUtf8Buffer(4);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var delta = WireJson.ReadVllmChunk(ref reader, text, "vllm");
        return (Encoding.UTF8.GetString(delta.Utf8Text.Span), delta.FinishReason);
    }

    private static (string Text, string? FinishReason) Ollama(string json)
    {
        using var text = new PooledUtf8Buffer(4);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var delta = WireJson.ReadOllamaLine(ref reader, text, "ollama");
        return (Encoding.UTF8.GetString(delta.Utf8Text.Span), delta.FinishReason);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
