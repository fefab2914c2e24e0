using System.Text.Json;

namespace TacticalRag.Api.Llm;

/// <summary>
/// The few fields the gateway needs from each streamed event, read in one forward pass with <see cref="Utf8JsonReader"/>:
/// the text (unescaped straight into a pooled buffer), whether the answer finished, and an error in either protocol's
/// shape. Everything else is skipped unread.
/// </summary>
internal static class WireJson
{
    /// <summary>vLLM's <c>chat.completion.chunk</c>: <c>choices[].delta.content</c> and <c>choices[].finish_reason</c>.</summary>
    public static WireDelta ReadVllmChunk(ref Utf8JsonReader reader, PooledUtf8Buffer text, string backend)
    {
        StartObject(ref reader);
        string? finished = null;
        var error = new ErrorFields();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    finished = ReadChoice(ref reader, text) ?? finished;
                }
            }
            else if (!error.TryRead(ref reader))
            {
                SkipValue(ref reader);
            }
        }
        ThrowIfError(backend, error.InBand);
        return new WireDelta(text.WrittenMemory, finished);
    }

    /// <summary>Ollama's NDJSON line: <c>message.content</c>, <c>done</c>, or <c>{"error"}</c>.</summary>
    public static WireDelta ReadOllamaLine(ref Utf8JsonReader reader, PooledUtf8Buffer text, string backend)
    {
        StartObject(ref reader);
        var done = false;
        string? doneReason = null;
        string? error = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadContent(ref reader, text);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("done"u8))
            {
                reader.Read();
                done = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("done_reason"u8))
            {
                reader.Read();
                doneReason = FinishReason(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = ErrorValue(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
        ThrowIfError(backend, error);
        return new WireDelta(text.WrittenMemory, done ? doneReason ?? "stop" : null);
    }

    /// <summary>An error body's message: vLLM's <c>{"error":{"message"}}</c> or <c>{"object":"error","message"}</c>, Ollama's <c>{"error":"..."}</c>.</summary>
    public static string? ReadError(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        var error = new ErrorFields();
        while (NextProperty(ref reader))
        {
            if (!error.TryRead(ref reader))
            {
                SkipValue(ref reader);
            }
        }
        return error.InBand ?? error.Message;
    }

    /// <summary>
    /// The fields that make an event or a body an error in either shape: <c>"error"</c> (a string or an object with a
    /// message), or <c>"object":"error"</c> beside a top-level <c>"message"</c>.
    /// </summary>
    private struct ErrorFields
    {
        private string? _error;
        private bool _objectIsError;

        public string? Message { get; private set; }

        /// <summary>The error this object reports, or null when it is none.</summary>
        public readonly string? InBand => _error ?? (_objectIsError ? Message ?? "error" : null);

        /// <summary>Reads the current property's value when it is one of the error fields; false (nothing read) otherwise.</summary>
        public bool TryRead(ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                _error = ErrorValue(ref reader);
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                _objectIsError = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8);
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                Message = StringOrSkip(ref reader);
            }
            else
            {
                return false;
            }
            return true;
        }
    }

    /// <summary>One choice: appends its delta's content; returns its finish reason, if it has one.</summary>
    private static string? ReadChoice(ref Utf8JsonReader reader, PooledUtf8Buffer text)
    {
        string? finished = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadContent(ref reader, text);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                reader.Read();
                finished = FinishReason(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
        return finished;
    }

    /// <summary>Inside a message or delta object: appends <c>content</c> when it is a string, skips the rest.</summary>
    private static void ReadContent(ref Utf8JsonReader reader, PooledUtf8Buffer text)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    var longest = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
                    text.Advance(reader.CopyString(text.GetSpan(longest)));
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    /// <summary>A finish reason (null for JSON null); the common ones without a new string.</summary>
    private static string? FinishReason(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String when reader.ValueTextEquals("stop"u8) => "stop",
        JsonTokenType.String when reader.ValueTextEquals("length"u8) => "length",
        JsonTokenType.String => reader.GetString(),
        _ => SkipToNull(ref reader),
    };

    private static string? SkipToNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private static string ErrorValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString() ?? "error";
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return "error";
        }
        string? message = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message = StringOrSkip(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
        return message ?? "error";
    }

    private static void StartObject(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A streamed event is not a JSON object.");
        }
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static string? StringOrSkip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }
        reader.Skip();
        return null;
    }

    private static void ThrowIfError(string backend, string? error)
    {
        if (error is not null)
        {
            throw new InBandLlmErrorException(backend, error);
        }
    }
}
