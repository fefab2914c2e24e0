namespace TacticalRag.Web.Api;

/// <summary>One event of a streamed answer: tokens, then exactly one <see cref="LlmDoneEvent"/> or <see cref="LlmErrorEvent"/>.</summary>
public abstract record LlmStreamEvent;

/// <summary>A piece of the answer's text.</summary>
public sealed record LlmTokenEvent(string Text) : LlmStreamEvent;

/// <summary>The answer is complete: which backend and model produced it, and whether that was a fallback.</summary>
public sealed record LlmDoneEvent(string Backend, string Model, bool Fallback, long ElapsedMs) : LlmStreamEvent;

/// <summary>The answer failed, before or during streaming. <paramref name="Title"/> is set when the API sent ProblemDetails.</summary>
public sealed record LlmErrorEvent(string Detail, string? Title = null) : LlmStreamEvent;
