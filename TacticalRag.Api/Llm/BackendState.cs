namespace TacticalRag.Api.Llm;

public enum BackendAvailability { Unknown, Up, Down }

/// <summary>What the gateway currently believes about one backend, fed by the health monitor and by live requests.</summary>
public sealed class BackendState
{
    private readonly Lock _gate = new();
    private Snapshot _current = new(BackendAvailability.Unknown, null, null, null);

    public sealed record Snapshot(BackendAvailability Availability, string? LastError, FailureReason? LastReason, DateTimeOffset? LastCheckedUtc);

    public Snapshot Current => Volatile.Read(ref _current);

    public bool IsKnownDown => Current.Availability == BackendAvailability.Down;

    /// <summary>Records an observation; returns the previous availability so callers can log transitions once.</summary>
    public BackendAvailability MarkUp(DateTimeOffset now) => Set(new Snapshot(BackendAvailability.Up, null, null, now));

    public BackendAvailability MarkDown(FailureReason reason, string error, DateTimeOffset now) =>
        Set(new Snapshot(BackendAvailability.Down, error, reason, now));

    private BackendAvailability Set(Snapshot next)
    {
        lock (_gate)
        {
            var previous = _current.Availability;
            // "Last error" stays visible after a recovery: operators want to see what went wrong most recently.
            if (next.Availability == BackendAvailability.Up)
            {
                next = next with { LastError = _current.LastError, LastReason = _current.LastReason };
            }
            Volatile.Write(ref _current, next);
            return previous;
        }
    }
}
