using System.Net.Http.Headers;

namespace TacticalRag.Api.Llm;

/// <summary>
/// A model server's chat endpoint spoken directly, for the gateway's own endpoints (<c>/api/llm/invoke</c> and
/// <c>/api/llm/stream</c>): what a plain proxy hop costs, plus reading each event once. The request goes through the
/// backend's HttpClient, so service discovery, the LLM resilience pipeline and the HTTP client's telemetry apply as on
/// the <see cref="Microsoft.Extensions.AI.IChatClient"/> path the rest of the API uses.
/// </summary>
internal sealed class BackendWire
{
    private BackendWire(HttpClient http, Uri chatUri, string model, bool isVllm, AuthenticationHeaderValue? authorization)
    {
        Http = http;
        ChatUri = chatUri;
        Model = model;
        IsVllm = isVllm;
        Authorization = authorization;
        SpanName = $"chat {model}";
    }

    /// <summary>The OpenTelemetry GenAI span's name, as Microsoft.Extensions.AI's chat client names it.</summary>
    public string SpanName { get; }

    /// <summary><c>gen_ai.provider.name</c>.</summary>
    public string Provider => IsVllm ? "vllm" : "ollama";

    public HttpClient Http { get; }

    public Uri ChatUri { get; }

    public string Model { get; }

    /// <summary>vLLM's OpenAI-compatible SSE (<c>/v1/chat/completions</c>); otherwise Ollama's NDJSON (<c>/api/chat</c>).</summary>
    public bool IsVllm { get; }

    public AuthenticationHeaderValue? Authorization { get; }

    public static BackendWire Vllm(HttpClient http, Uri host, string model, string apiKey) =>
        new(http, new Uri(host, "v1/chat/completions"), model, isVllm: true, new AuthenticationHeaderValue("Bearer", apiKey));

    public static BackendWire Ollama(HttpClient http, Uri host, string model) =>
        new(http, new Uri(host, "api/chat"), model, isVllm: false, authorization: null);

    /// <summary>A stream that sends the request on its first read.</summary>
    public WireStream Open(string backend, LlmPrompt prompt, CancellationToken cancellationToken) => IsVllm
        ? new VllmWireStream(this, backend, prompt, cancellationToken)
        : new OllamaWireStream(this, backend, prompt, cancellationToken);
}
