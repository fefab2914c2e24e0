using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace TacticalRag.Api.Llm;

/// <summary>
/// Ollama's native stream: <c>POST /api/chat</c>, one JSON object per line (<c>application/x-ndjson</c>), read through a
/// <see cref="PipeReader"/> (pooled segments) and one <see cref="Utf8JsonReader"/> pass per line, up to <c>"done":true</c>.
/// </summary>
internal sealed class OllamaWireStream(BackendWire wire, string backend, LlmPrompt prompt, CancellationToken cancellationToken)
    : WireStream(wire, backend, prompt, cancellationToken)
{
    private PipeReader? _reader;
    private bool _done;

    protected override void WriteRequest(Utf8JsonWriter json, LlmPrompt prompt)
    {
        WriteModelAndPrompt(json, prompt);
        json.WriteBoolean("stream"u8, true);
        json.WriteStartObject("options"u8);
        json.WriteNumber("temperature"u8, prompt.Temperature);
        json.WriteNumber("top_p"u8, prompt.TopP);
        json.WriteNumber("top_k"u8, prompt.TopK);
        json.WriteNumber("num_predict"u8, prompt.MaxTokens);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    protected override void StartReading(Stream body) =>
        _reader = PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true));

    protected override async ValueTask<bool> ReadNextAsync()
    {
        while (!_done)
        {
            var result = await _reader!.ReadAsync(CancellationToken);
            var buffer = result.Buffer;
            while (TryReadLine(ref buffer, result.IsCompleted, out var line))
            {
                var delta = Parse(line);
                if (delta.HasText || delta.Finished)
                {
                    _done = delta.Finished;
                    _reader.AdvanceTo(buffer.Start);
                    Current = delta;
                    return true;
                }
            }
            if (result.IsCompleted)
            {
                _reader.AdvanceTo(buffer.End);
                return false;
            }
            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
        return false;
    }

    /// <summary>The next non-blank line; at the end of the body, what is left without a newline counts as a line.</summary>
    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, bool completed, out ReadOnlySequence<byte> line)
    {
        while (true)
        {
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out line, (byte)'\n'))
            {
                buffer = buffer.Slice(reader.Position);
            }
            else if (completed && !buffer.IsEmpty)
            {
                line = buffer;
                buffer = buffer.Slice(buffer.End);
            }
            else
            {
                return false;
            }
            if (!IsBlank(line))
            {
                return true;
            }
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            if (segment.Span.IndexOfAnyExcept(" \t\r"u8) >= 0)
            {
                return false;
            }
        }
        return true;
    }

    private WireDelta Parse(ReadOnlySequence<byte> line)
    {
        Text.Clear();
        var reader = new Utf8JsonReader(line);
        return WireJson.ReadOllamaLine(ref reader, Text, Backend);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_reader is not null)
        {
            await _reader.CompleteAsync();
        }
        await base.DisposeAsync();
    }
}
