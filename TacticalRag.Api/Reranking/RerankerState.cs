using TacticalRag.Api.Llm;

namespace TacticalRag.Api.Reranking;

/// <summary>What this replica believes about the reranker, fed by the health monitor and by live requests.</summary>
public sealed class RerankerState
{
    private readonly Lock _gate = new();
    private Snapshot _current = new(BackendAvailability.Unknown, null, null);

    public sealed record Snapshot(BackendAvailability Availability, string? LastError, DateTimeOffset? LastCheckedUtc);

    public Snapshot Current => Volatile.Read(ref _current);

    public bool IsKnownDown => Current.Availability == BackendAvailability.Down;

    /// <summary>Records an observation; returns the previous availability so callers log a transition once.</summary>
    public BackendAvailability MarkUp(DateTimeOffset now) => Set(BackendAvailability.Up, null, now);

    public BackendAvailability MarkDown(string error, DateTimeOffset now) => Set(BackendAvailability.Down, error, now);

    private BackendAvailability Set(BackendAvailability availability, string? error, DateTimeOffset now)
    {
        lock (_gate)
        {
            var previous = _current.Availability;
            // The last error stays visible after a recovery, as the LLM backends' does.
            Volatile.Write(ref _current, new Snapshot(availability, error ?? _current.LastError, now));
            return previous;
        }
    }
}
