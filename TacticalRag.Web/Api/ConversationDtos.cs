namespace TacticalRag.Web.Api;

/// <summary>
/// One question and its answer as the API keeps it. <paramref name="Shown"/> is what the answer view showed with it
/// (sources, cited numbers, model, timings); absent on turns stored before the API kept it.
/// </summary>
public sealed record ConversationTurn(
    string Question,
    string? StandaloneQuestion,
    string Answer,
    string? Backend,
    IReadOnlyList<string>? CitedChunkIds,
    DateTimeOffset AskedUtc,
    ShownAnswer? Shown = null);

/// <summary>The stored view of an answer: every numbered source it could cite, which it cited, who wrote it, how long it took.</summary>
public sealed record ShownAnswer(
    IReadOnlyList<Citation>? Sources,
    IReadOnlyList<int>? Cited,
    string? Model,
    bool Fallback,
    bool Cached,
    AskTimings? Timings);

/// <summary>The answer of <c>GET /api/conversations/{id}</c>: recent turns, and a summary of older ones.</summary>
public sealed record Conversation(
    string Id,
    IReadOnlyList<ConversationTurn>? Turns,
    string? Summary,
    int SummarizedTurns,
    DateTimeOffset CreatedUtc,
    DateTimeOffset UpdatedUtc,
    string? Title = null);

/// <summary>One line of the signed-in user's conversation list: its title (the first question, unless renamed).</summary>
public sealed record ConversationListItem(string Id, string Title, DateTimeOffset CreatedUtc, DateTimeOffset UpdatedUtc, int Questions);

/// <summary>The answer of <c>GET /api/conversations</c>: a page of the list, most recently used first.</summary>
public sealed record ConversationPage(IReadOnlyList<ConversationListItem>? Items, int Offset, int Limit, int Total);
