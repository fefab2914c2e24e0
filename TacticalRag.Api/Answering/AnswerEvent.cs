namespace TacticalRag.Api.Answering;

/// <summary>
/// One step of an answer as <see cref="AskService.AnswerAsync"/> produces it, in this order: <see cref="AnswerSources"/>,
/// <see cref="AnswerStarted"/>, any number of <see cref="AnswerToken"/>, then exactly one <see cref="AnswerDone"/> or
/// <see cref="AnswerFailed"/>. A cached answer, a retrieval-only one and a written one are told apart by their
/// <see cref="AnswerOutcome"/>, never by a different sequence, so each endpoint maps events and decides nothing.
/// </summary>
public abstract record AnswerEvent;

/// <summary>The numbered sources, before generation starts (SSE <c>citations</c>).</summary>
internal sealed record AnswerSources(AnswerGrounding Grounding) : AnswerEvent;

/// <summary>Who is writing the answer, known before its first token (the first-token rule); no SSE event of its own.</summary>
public sealed record AnswerStarted(AnswerAuthor Author) : AnswerEvent;

/// <summary>A piece of the answer's text (SSE <c>token</c>); a cached or retrieval-only answer comes as one piece.</summary>
public sealed record AnswerToken(string Text) : AnswerEvent;

/// <summary>The answer is whole, recorded in its conversation and, where it may be, cached (SSE <c>done</c>).</summary>
public sealed record AnswerDone(AnswerOutcome Outcome) : AnswerEvent;

/// <summary>
/// The model broke off mid-answer (SSE <c>error</c>): the tokens sent are not an answer, so nothing was recorded or
/// cached.
/// </summary>
public sealed record AnswerFailed(string Detail) : AnswerEvent;

/// <summary>
/// How the model is asked. <see cref="Streamed"/>: token by token; a backend that breaks off mid-answer ends it with
/// <see cref="AnswerFailed"/>. <see cref="Whole"/>: in one call, so the gateway can fail over at any point of it
/// (used where the caller wants the whole answer anyway).
/// </summary>
public enum AnswerDelivery { Streamed, Whole }

public static class AnswerEvents
{
    /// <summary>The events of an answer read to the end: its outcome, or why it broke off.</summary>
    public static async Task<CollectedAnswer> CollectAsync(this IAsyncEnumerable<AnswerEvent> events)
    {
        await foreach (var step in events)
        {
            switch (step)
            {
                case AnswerDone done: return new CollectedAnswer(done.Outcome, null);
                case AnswerFailed failed: return new CollectedAnswer(null, failed);
            }
        }
        throw new InvalidOperationException("An answer's events ended without done or failed.");
    }
}

/// <summary>A whole answer: exactly one of <see cref="Outcome"/> and <see cref="Failure"/>.</summary>
public sealed record CollectedAnswer(AnswerOutcome? Outcome, AnswerFailed? Failure);
