using System.Text.Json;
using System.Text.Json.Serialization;

namespace TacticalRag.ModelServerSim;

// Requests: only the fields the simulator acts on; the rest of OpenAI's schema is accepted and ignored.
internal sealed record VllmChatRequest(
    string? Model, IReadOnlyList<VllmChatMessage>? Messages, bool? Stream, VllmStreamOptions? StreamOptions,
    int? MaxTokens, int? MaxCompletionTokens);

/// <summary>Content is a string or an array of parts (<c>{"type":"text","text":..}</c>).</summary>
internal sealed record VllmChatMessage(string? Role, JsonElement Content);

internal sealed record VllmStreamOptions(bool? IncludeUsage);

// Responses, field for field as vLLM's OpenAI-compatible server writes them.
internal sealed record VllmModelList(IReadOnlyList<VllmModelCard> Data)
{
    public string Object => "list";
}

internal sealed record VllmModelCard(string Id, long Created, string Root, int MaxModelLen)
{
    public string Object => "model";
    public string OwnedBy => "vllm";
    public string? Parent => null;
}

internal sealed record VllmUsage(int PromptTokens, int CompletionTokens, int TotalTokens);

internal sealed record VllmChatCompletion(string Id, long Created, string Model, IReadOnlyList<VllmChatChoice> Choices, VllmUsage Usage)
{
    public string Object => "chat.completion";
}

internal sealed record VllmChatChoice(int Index, VllmAssistantMessage Message, string FinishReason)
{
    public object? Logprobs => null;
}

internal sealed record VllmAssistantMessage(string Role, string Content);

internal sealed record VllmChatChunk(
    string Id, long Created, string Model, IReadOnlyList<VllmChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VllmUsage? Usage = null)
{
    public string Object => "chat.completion.chunk";
}

internal sealed record VllmChunkChoice(int Index, VllmDelta Delta, string? FinishReason);

internal sealed record VllmDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content = null);

internal sealed record VllmErrorBody(VllmError Error);

internal sealed record VllmError(string Message, string Type, string? Param, int Code);

/// <summary>What <c>vllm serve --api-key</c> answers without the key: a bare string, not the error object.</summary>
internal sealed record UnauthorizedBody(string Error);
