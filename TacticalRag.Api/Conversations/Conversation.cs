namespace TacticalRag.Api.Conversations;

/// <summary>One question and its answer. <see cref="StandaloneQuestion"/> is the follow-up rewritten to stand alone.</summary>
public sealed record ConversationTurn(
    string Question,
    string StandaloneQuestion,
    string Answer,
    string Backend,
    IReadOnlyList<string> CitedChunkIds,
    DateTimeOffset AskedUtc);

/// <summary>
/// A conversation: the recent turns verbatim, and a model-written summary of the turns that slid out of the window
/// (<see cref="SummarizedTurns"/> of them). <see cref="Owner"/> is the caller that started it (<c>user:&lt;sub&gt;</c>,
/// <c>key:&lt;hash&gt;</c> or <c>anonymous</c>); null for conversations stored before owners were recorded.
/// </summary>
public sealed record Conversation(
    string Id,
    IReadOnlyList<ConversationTurn> Turns,
    string? Summary,
    int SummarizedTurns,
    DateTimeOffset CreatedUtc,
    DateTimeOffset UpdatedUtc,
    string? Owner = null);

/// <summary>Conversations, kept with a time-to-live that each save renews (Redis, or the local data folder).</summary>
public interface IConversationStore
{
    Task<Conversation?> GetAsync(string id, CancellationToken cancellationToken);

    Task SaveAsync(Conversation conversation, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the conversation (null when there is none), applies <paramref name="change"/> and stores its result, renewing
    /// the time-to-live, as one atomic step: two asks in one conversation each add their turn, neither overwrites the
    /// other's. A null result stores nothing. Returns what is stored afterwards. <paramref name="change"/> may run more than
    /// once (a store that detects a concurrent write retries), so it must only compute.
    /// </summary>
    Task<Conversation?> UpdateAsync(string id, Func<Conversation?, Conversation?> change, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);
}
