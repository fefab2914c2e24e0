namespace TacticalRag.Api.Llm;

/// <summary>
/// One piece of a backend's streamed answer as read off the wire: its text as unescaped UTF-8 (valid until the next
/// read; it lives in the reader's pooled buffer) and the finish reason when the backend said it had finished (vLLM's
/// <c>finish_reason</c>, Ollama's <c>done_reason</c> on its <c>done: true</c> line).
/// </summary>
internal readonly record struct WireDelta(ReadOnlyMemory<byte> Utf8Text, string? FinishReason)
{
    public bool HasText => !Utf8Text.IsEmpty;

    public bool Finished => FinishReason is not null;
}
