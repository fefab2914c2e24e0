namespace TacticalRag.Api.Conversations;

/// <summary>Conversations, kept with a time-to-live that each save renews (Redis, the local data folder or PostgreSQL).</summary>
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

    /// <summary>
    /// The live conversations of <paramref name="owner"/>, most recently updated first (ties by id), skipping
    /// <paramref name="offset"/> and returning at most <paramref name="limit"/>, with how many there are in all.
    /// Conversations without an owner (stored before owners were recorded) are in no list.
    /// </summary>
    Task<ConversationPage> ListAsync(string owner, int offset, int limit, CancellationToken cancellationToken);
}
