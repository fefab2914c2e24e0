using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TacticalRag.Bench.Suites.Gateway;

/// <summary>The one request every gateway measurement sends, in the gateway's format and in vLLM's.</summary>
internal static class GatewayCalls
{
    /// <summary>Twelve words: the simulator echoes them after a four-word prefix, so the answer is exactly <see cref="MaxTokens"/> tokens.</summary>
    public const string Prompt = "Summarise the radio check procedure from the signals manual in one sentence";

    public const int MaxTokens = 16;

    public const string InvokePath = "/api/llm/invoke";

    public const string StreamPath = "/api/llm/stream";

    public const string VllmChatPath = "v1/chat/completions";

    public const string BackendsPath = "/api/llm/backends";

    /// <summary>An empty prompt: rejected with 400 before any backend is involved.</summary>
    public static byte[] InvalidInvokeBody { get; } = JsonSerializer.SerializeToUtf8Bytes(new { prompt = "" });

    public static byte[] InvokeBody { get; } = JsonSerializer.SerializeToUtf8Bytes(new { prompt = Prompt, maxTokens = MaxTokens });

    /// <summary>What the gateway itself sends vLLM (its default sampling settings), minus the streaming it always uses.</summary>
    public static byte[] VllmChatBody(string model, bool stream) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        model,
        messages = new[] { new { role = "user", content = Prompt } },
        max_tokens = MaxTokens,
        temperature = 0.0,
        top_p = 0.9,
        top_k = 40,
        stream,
    });

    /// <summary>Posts a body and reads the whole answer (a stream to its end), as a caller would.</summary>
    public static async Task<bool> PostAsync(HttpClient client, string path, byte[] body, CancellationToken cancellationToken)
    {
        using var content = Json(body);
        using var response = await client.PostAsync(path, content, cancellationToken);
        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public static async Task<bool> GetAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, cancellationToken);
        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <summary>One timed <c>/api/llm/invoke</c>, with who answered it.</summary>
    public static async Task<InvokeResult> InvokeAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var content = Json(InvokeBody);
        using var response = await client.PostAsync(InvokePath, content, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            return new InvokeResult(elapsedMs, (int)response.StatusCode, null, false);
        }
        using var answer = JsonDocument.Parse(body);
        return new InvokeResult(
            elapsedMs, (int)response.StatusCode,
            answer.RootElement.GetProperty("backend").GetString(), answer.RootElement.GetProperty("fallback").GetBoolean());
    }

    /// <summary>Stops the suite with a clear message when the setup is not what a measurement assumes.</summary>
    public static InvokeResult Expect(this InvokeResult result, string backend, bool fallback, string when) =>
        result.Backend == backend && result.Fallback == fallback
            ? result
            : throw new InvalidOperationException(
                $"{when}: expected {backend} (fallback={fallback}), got HTTP {result.Status} from {result.Backend ?? "nobody"} (fallback={result.Fallback}).");

    private static ByteArrayContent Json(byte[] body) =>
        new(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
}

/// <summary>One <c>/api/llm/invoke</c> as the caller saw it.</summary>
internal sealed record InvokeResult(double Ms, int Status, string? Backend, bool Fallback);
