using System.Text.Json;

namespace TacticalRag.ModelServerSim;

/// <summary>Ollama's <c>POST /api/embed</c> body: <c>input</c> a string or a list of strings; <c>truncate</c> defaults to true.</summary>
internal sealed record OllamaEmbedRequest(string? Model, JsonElement Input, bool? Truncate, int? Dimensions, JsonElement? Options, JsonElement? KeepAlive);

internal sealed record OllamaEmbedResponse(string Model, IReadOnlyList<float[]> Embeddings, long TotalDuration, long LoadDuration, int PromptEvalCount);

/// <summary>OpenAI's <c>POST /v1/embeddings</c> body as vLLM and text-embeddings-inference read it.</summary>
internal sealed record OpenAiEmbeddingRequest(string? Model, JsonElement Input, string? EncodingFormat, int? Dimensions, string? User);

/// <summary>One item of <c>data</c>: <c>embedding</c> is a list of floats, or a base64 string of little-endian float32s.</summary>
internal sealed record OpenAiEmbeddingItem(int Index, object Embedding)
{
    public string Object => "embedding";
}

internal sealed record OpenAiEmbeddingUsage(int PromptTokens, int TotalTokens, int CompletionTokens = 0);

internal sealed record OpenAiEmbeddingList(string Id, long Created, string Model, IReadOnlyList<OpenAiEmbeddingItem> Data, OpenAiEmbeddingUsage Usage)
{
    public string Object => "list";
}
