namespace TacticalRag.Web.Api;

/// <summary>One question and its answer as the API keeps it (the sources' text is not kept, only their chunk ids).</summary>
public sealed record ConversationTurn(
    string Question,
    string? StandaloneQuestion,
    string Answer,
    string? Backend,
    IReadOnlyList<string>? CitedChunkIds,
    DateTimeOffset AskedUtc);

/// <summary>The answer of <c>GET /api/conversations/{id}</c>: recent turns, and a summary of older ones.</summary>
public sealed record Conversation(
    string Id,
    IReadOnlyList<ConversationTurn>? Turns,
    string? Summary,
    int SummarizedTurns,
    DateTimeOffset CreatedUtc,
    DateTimeOffset UpdatedUtc);
