using System.Text.Json;

namespace TacticalRag.Api.OpenAi;

/// <summary>
/// <c>POST /v1/chat/completions</c> as OpenAI's clients send it. Content and stop stay raw JSON because OpenAI allows a
/// string or an array for each; <see cref="ChatRequestReader"/> reads them. Fields we do not use (tools, logprobs, ...)
/// are ignored rather than refused, since common clients send them by default.
/// </summary>
public sealed record ChatCompletionRequest(
    string? Model,
    IReadOnlyList<ChatMessageBody>? Messages,
    bool? Stream,
    StreamOptionsBody? StreamOptions,
    float? Temperature,
    float? TopP,
    int? MaxTokens,
    int? MaxCompletionTokens,
    JsonElement Stop,
    int? N,
    string? User);

public sealed record ChatMessageBody(string? Role, JsonElement Content, string? Name);

public sealed record StreamOptionsBody(bool? IncludeUsage);

/// <summary><c>POST /v1/embeddings</c>: <see cref="Input"/> is a string or an array of strings.</summary>
internal sealed record EmbeddingRequest(string? Model, JsonElement Input, string? EncodingFormat, int? Dimensions, string? User);
