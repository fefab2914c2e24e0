using System.Net.ServerSentEvents;
using System.Text.Json;

namespace TacticalRag.Api.Llm;

/// <summary>
/// vLLM's OpenAI-compatible stream: <c>POST /v1/chat/completions</c> with <c>"stream":true</c>, read with the BCL's
/// <see cref="SseParser"/> (pooled line buffers) and one <see cref="Utf8JsonReader"/> pass per <c>data:</c> event, up to
/// <c>[DONE]</c>.
/// </summary>
internal sealed class VllmWireStream(BackendWire wire, string backend, LlmPrompt prompt, CancellationToken cancellationToken)
    : WireStream(wire, backend, prompt, cancellationToken)
{
    private IAsyncEnumerator<SseItem<WireDelta>>? _events;
    private bool _done;

    protected override void WriteRequest(Utf8JsonWriter json, LlmPrompt prompt)
    {
        WriteModelAndPrompt(json, prompt);
        json.WriteNumber("max_tokens"u8, prompt.MaxTokens);
        json.WriteNumber("temperature"u8, prompt.Temperature);
        json.WriteNumber("top_p"u8, prompt.TopP);
        json.WriteNumber("top_k"u8, prompt.TopK);
        json.WriteBoolean("stream"u8, true);
        json.WriteEndObject();
    }

    protected override void StartReading(Stream body) =>
        _events = SseParser.Create(body, Parse).EnumerateAsync(CancellationToken).GetAsyncEnumerator(CancellationToken);

    protected override async ValueTask<bool> ReadNextAsync()
    {
        while (!_done && await _events!.MoveNextAsync())
        {
            if (_done)
            {
                return false;
            }
            var delta = _events.Current.Data;
            if (delta.HasText || delta.Finished)
            {
                Current = delta;
                return true;
            }
        }
        return false;
    }

    private WireDelta Parse(string eventType, ReadOnlySpan<byte> data)
    {
        Text.Clear();
        if (data.SequenceEqual("[DONE]"u8))
        {
            _done = true;
            return default;
        }
        var reader = new Utf8JsonReader(data);
        return WireJson.ReadVllmChunk(ref reader, Text, Backend);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_events is not null)
        {
            await _events.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
