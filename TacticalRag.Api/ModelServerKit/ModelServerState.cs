namespace TacticalRag.Api.ModelServerKit;

/// <summary>What this replica believes about an optional model server (reranker, embedding server).</summary>
public enum ModelServerAvailability { Unknown, Up, Down }

/// <summary>
/// What this replica believes about one optional model server, fed by its health probe and by live requests. Each
/// server has its own subclass, so each is a singleton of its own.
/// </summary>
public abstract class ModelServerState
{
    private readonly Lock _gate = new();
    private Snapshot _current = new(ModelServerAvailability.Unknown, null, null);

    public sealed record Snapshot(ModelServerAvailability Availability, string? LastError, DateTimeOffset? LastCheckedUtc);

    public Snapshot Current => Volatile.Read(ref _current);

    public bool IsKnownDown => Current.Availability == ModelServerAvailability.Down;

    /// <summary>Records an observation; returns the previous availability so callers log a transition once.</summary>
    public ModelServerAvailability MarkUp(DateTimeOffset now) => Set(ModelServerAvailability.Up, null, now);

    public ModelServerAvailability MarkDown(string error, DateTimeOffset now) => Set(ModelServerAvailability.Down, error, now);

    private ModelServerAvailability Set(ModelServerAvailability availability, string? error, DateTimeOffset now)
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
