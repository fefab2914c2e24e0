using TacticalRag.Api.Passages;

namespace TacticalRag.Api.Conversations;

/// <summary>
/// One question and its answer. <see cref="StandaloneQuestion"/> is the follow-up rewritten to stand alone.
/// <see cref="Shown"/> is the answer as the caller saw it (its numbered sources, who wrote it, how long it took), so a
/// reopened conversation shows the same chips and sources; null on turns stored before it was kept.
/// </summary>
public sealed record ConversationTurn(
    string Question,
    string StandaloneQuestion,
    string Answer,
    string Backend,
    IReadOnlyList<string> CitedChunkIds,
    DateTimeOffset AskedUtc)
{
    public ShownAnswer? Shown { get; init; }
}

/// <summary>
/// What the answer view showed with an answer: every numbered source it could cite (<see cref="TurnSource.Index"/> is
/// the n of [n]), the ones it did cite, the model server and model that wrote it, and its timings.
/// </summary>
public sealed record ShownAnswer(
    IReadOnlyList<TurnSource> Sources,
    IReadOnlyList<int> Cited,
    string? Model,
    bool Fallback,
    bool Cached,
    string Strategy,
    string Ranking,
    string? RerankSkipped,
    int PassagesDropped,
    TurnTimings Timings);

/// <summary>A numbered source of a stored answer, as it was when the answer was written (documents change later).</summary>
public sealed record TurnSource(
    int Index, string DocumentId, string Title, string ChunkId, string Text, string? Section, int? Page,
    string Excerpt = "", IReadOnlyList<TextHighlight>? Highlights = null);

public sealed record TurnTimings(long RetrievalMs, long GenerationMs, long TotalMs);

/// <summary>
/// A conversation: the recent turns verbatim, and a model-written summary of the turns that slid out of the window
/// (<see cref="SummarizedTurns"/> of them). <see cref="Owner"/> is the caller that started it (<c>user:&lt;sub&gt;</c>,
/// <c>key:&lt;hash&gt;</c> or <c>anonymous</c>); null for conversations stored before owners were recorded.
/// <see cref="Title"/> is its first question until renamed; null for conversations stored before titles were kept
/// (<see cref="ConversationTitle.Of"/> then falls back to the oldest question still kept).
/// </summary>
public sealed record Conversation(
    string Id,
    IReadOnlyList<ConversationTurn> Turns,
    string? Summary,
    int SummarizedTurns,
    DateTimeOffset CreatedUtc,
    DateTimeOffset UpdatedUtc,
    string? Owner = null,
    string? Title = null);

/// <summary>One line of an owner's conversation list. <see cref="Questions"/> counts the summarised turns too.</summary>
public sealed record ConversationListItem(string Id, string Title, DateTimeOffset CreatedUtc, DateTimeOffset UpdatedUtc, int Questions)
{
    public static ConversationListItem Of(Conversation conversation) => new(
        conversation.Id, ConversationTitle.Of(conversation), conversation.CreatedUtc, conversation.UpdatedUtc,
        conversation.Turns.Count + conversation.SummarizedTurns);
}

/// <summary>A page of an owner's conversations, most recently used first; <see cref="Total"/> counts all of them.</summary>
public sealed record ConversationPage(IReadOnlyList<ConversationListItem> Items, int Offset, int Limit, int Total);
