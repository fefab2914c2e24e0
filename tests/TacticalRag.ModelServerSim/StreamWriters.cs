using System.Text.Json;

namespace TacticalRag.ModelServerSim;

/// <summary>Server-sent events as vLLM writes them: <c>data: {json}\n\n</c> per chunk, flushed at once, ending in <c>data: [DONE]</c>.</summary>
internal static class SseWriter
{
    public const string ContentType = "text/event-stream";

    public static Task WriteDataAsync<T>(HttpResponse response, T payload, CancellationToken ct) =>
        WriteRawAsync(response, "data: " + JsonSerializer.Serialize(payload, SimJson.Vllm) + "\n\n", ct);

    public static Task WriteDoneAsync(HttpResponse response, CancellationToken ct) =>
        WriteRawAsync(response, "data: [DONE]\n\n", ct);

    public static async Task WriteRawAsync(HttpResponse response, string text, CancellationToken ct)
    {
        await response.WriteAsync(text, ct);
        await response.Body.FlushAsync(ct);
    }
}

/// <summary>Newline-delimited JSON as Ollama streams it: one object per line, flushed at once.</summary>
internal static class NdjsonWriter
{
    public const string ContentType = "application/x-ndjson";

    public static Task WriteLineAsync<T>(HttpResponse response, T payload, CancellationToken ct) =>
        SseWriter.WriteRawAsync(response, JsonSerializer.Serialize(payload, SimJson.Ollama) + "\n", ct);
}
