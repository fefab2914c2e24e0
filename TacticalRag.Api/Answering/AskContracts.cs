using TacticalRag.Api.Passages;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.Api.Answering;

public sealed record AskRequest(string? Question, string? ConversationId, int? TopK);

/// <summary>
/// A numbered source: <see cref="Index"/> is the n an answer cites as [n]. <see cref="Text"/> is the whole passage;
/// <see cref="Excerpt"/> the part of it that matches the question, its <see cref="Highlights"/> the question's words in it.
/// </summary>
public sealed record Citation(
    int Index, string DocumentId, string Title, string ChunkId, string Text, string? Section, int? Page,
    string Excerpt = "", IReadOnlyList<TextHighlight>? Highlights = null);

public sealed record AskTimings(long RetrievalMs, long GenerationMs, long TotalMs);

/// <summary>A question's answer. <see cref="PassagesDropped"/>: retrieved passages left out of the prompt to fit <c>Answering:MaxPromptChars</c>.</summary>
public sealed record AskResponse(
    string Answer,
    IReadOnlyList<Citation> Citations,
    string Backend,
    string? Model,
    bool Fallback,
    string ConversationId,
    string Strategy,
    string StandaloneQuestion,
    bool Cached,
    AskTimings Timings,
    string Ranking = RetrievalRanking.Fusion,
    string? RerankSkipped = null,
    int PassagesDropped = 0);

/// <summary>SSE <c>citations</c>: every numbered source, sent before the first token so [n] can be shown as it streams.</summary>
internal sealed record AskCitationsEvent(
    IReadOnlyList<Citation> Citations, string Strategy, string ConversationId, string StandaloneQuestion,
    string Ranking = RetrievalRanking.Fusion, string? RerankSkipped = null, int PassagesDropped = 0);

internal sealed record AskDoneEvent(
    string Backend, string? Model, bool Fallback, string ConversationId, string Strategy, bool Cached,
    IReadOnlyList<int> Cited, AskTimings Timings, string Ranking = RetrievalRanking.Fusion, string? RerankSkipped = null,
    int PassagesDropped = 0);
