namespace TacticalRag.Web.Api;

/// <summary>
/// One event of a streamed answer: the numbered sources, then tokens, then exactly one <see cref="AskDoneEvent"/> or
/// <see cref="AskErrorEvent"/>.
/// </summary>
public abstract record AskStreamEvent;

/// <summary>The sources the answer may cite, sent before the first token so [n] can become a chip as it streams.</summary>
public sealed record AskCitationsEvent(
    IReadOnlyList<Citation> Citations, string? Strategy, string ConversationId, string? StandaloneQuestion) : AskStreamEvent;

/// <summary>A piece of the answer's text.</summary>
public sealed record AskTokenEvent(string Text) : AskStreamEvent;

/// <summary>
/// The answer is complete: which backend ("vllm", "ollama", or "none" for a retrieval-only answer) and model wrote
/// it, whether that was a fallback, which sources it cited, and how long it took.
/// </summary>
public sealed record AskDoneEvent(
    string Backend,
    string? Model,
    bool Fallback,
    string ConversationId,
    string? Strategy,
    bool Cached,
    IReadOnlyList<int> Cited,
    AskTimings? Timings) : AskStreamEvent;

/// <summary>The answer failed, before or during streaming. <paramref name="Title"/> is set when the API sent ProblemDetails.</summary>
public sealed record AskErrorEvent(string Detail, string? Title = null, int? Status = null) : AskStreamEvent;
