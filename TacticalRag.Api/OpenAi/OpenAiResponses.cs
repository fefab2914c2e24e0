using System.Text.Json.Serialization;

namespace TacticalRag.Api.OpenAi;

public sealed record ModelCard(string Id, long Created, string OwnedBy)
{
    public string Object => "model";
}

public sealed record ModelList(IReadOnlyList<ModelCard> Data)
{
    public string Object => "list";
}

public sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens);

public sealed record AssistantMessage(string Content, TacticalRagExtension? Tacticalrag)
{
    public string Role => "assistant";
}

public sealed record CompletionChoice(int Index, AssistantMessage Message, string FinishReason);

public sealed record ChatCompletion(
    string Id, long Created, string Model, string? SystemFingerprint, IReadOnlyList<CompletionChoice> Choices, Usage Usage)
{
    public string Object => "chat.completion";
}

internal sealed record ChunkDelta(string? Role, string? Content);

/// <summary>A streamed choice; <see cref="FinishReason"/> is written as null until the last chunk, as OpenAI does.</summary>
internal sealed record ChunkChoice(int Index, ChunkDelta Delta, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason);

internal sealed record ChatCompletionChunk(
    string Id, long Created, string Model, string? SystemFingerprint, IReadOnlyList<ChunkChoice> Choices,
    Usage? Usage = null, TacticalRagExtension? Tacticalrag = null)
{
    public string Object => "chat.completion.chunk";
}

/// <summary>
/// What OpenAI's shape has no place for: who answered, whether that was a fallback, and (model <c>tacticalrag</c>) the
/// sources the answer cites as [n]. On the message of a whole completion, on the last chunk of a stream.
/// </summary>
public sealed record TacticalRagExtension(
    string Backend, string? BackendModel, bool Fallback,
    IReadOnlyList<OpenAiCitation>? Citations = null, string? Strategy = null, string? ConversationId = null, bool? Cached = null);

public sealed record OpenAiCitation(
    int Index, string DocumentId, string Title, string ChunkId, string? Section, int? Page, string Excerpt, string Text);

public sealed record EmbeddingItem(int Index, object Embedding)
{
    public string Object => "embedding";
}

public sealed record EmbeddingUsage(int PromptTokens, int TotalTokens);

public sealed record EmbeddingList(IReadOnlyList<EmbeddingItem> Data, string Model, EmbeddingUsage Usage)
{
    public string Object => "list";
}

public sealed record ErrorDetail(
    string Message, string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);

public sealed record ErrorBody(ErrorDetail Error);
