using System.Text.Json.Serialization;

namespace TacticalRag.Api.OpenAi;

/// <summary>
/// Source-generated JSON in OpenAI's snake_case, separate from the rest of the API's camelCase. Nulls are left out
/// except where OpenAI's own responses carry them (<c>finish_reason</c>, <c>param</c>, <c>code</c>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelCard))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(EmbeddingList))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(float[]))]
[JsonSerializable(typeof(string))]
internal sealed partial class OpenAiJsonContext : JsonSerializerContext;
