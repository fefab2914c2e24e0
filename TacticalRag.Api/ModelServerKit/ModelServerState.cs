namespace TacticalRag.Api.ModelServerKit;

/// <summary>What this replica believes about a model server: not asked yet, up, or down.</summary>
public enum ModelServerAvailability { Unknown, Up, Down }

/// <summary>The part of a model server's state the probe loop and the health check read and write.</summary>
public interface IModelServerState
{
    ModelServerAvailability Availability { get; }

    string? LastError { get; }

    /// <summary>Records a probe's outcome (null: ready); returns the previous availability so a change is logged once.</summary>
    ModelServerAvailability Observe(ProbeProblem? problem, DateTimeOffset now);
}

/// <summary>
/// The one state machine for every model server (LLM backends, reranker, embedding server): Unknown until the first
/// probe or call, then Up or Down as the latest observation says, fed by the health probe and by live requests. The
/// last error and its typed reason stay visible after a recovery: operators want to see what went wrong most recently.
/// </summary>
/// <typeparam name="TReason">The server's own failure vocabulary (the LLM gateway's <c>FailureReason</c>, or <see cref="ModelServerFailure"/>).</typeparam>
/// <param name="classify">Turns a failed probe into a <typeparamref name="TReason"/>.</param>
public class ModelServerState<TReason>(Func<ProbeProblem, TReason> classify) : IModelServerState
    where TReason : struct, Enum
{
    private readonly Lock _gate = new();
    private Snapshot _current = new(ModelServerAvailability.Unknown, null, null, null);

    public sealed record Snapshot(ModelServerAvailability Availability, string? LastError, TReason? LastReason, DateTimeOffset? LastCheckedUtc);

    public Snapshot Current => Volatile.Read(ref _current);

    public bool IsKnownDown => Current.Availability == ModelServerAvailability.Down;

    ModelServerAvailability IModelServerState.Availability => Current.Availability;

    string? IModelServerState.LastError => Current.LastError;

    /// <summary>Records a success; returns the previous availability so callers log a transition once.</summary>
    public ModelServerAvailability MarkUp(DateTimeOffset now) => Set(ModelServerAvailability.Up, null, null, now);

    /// <summary>Records a failure and why; returns the previous availability.</summary>
    public ModelServerAvailability MarkDown(TReason reason, string error, DateTimeOffset now) =>
        Set(ModelServerAvailability.Down, reason, error, now);

    public ModelServerAvailability Observe(ProbeProblem? problem, DateTimeOffset now) =>
        problem is null ? MarkUp(now) : MarkDown(classify(problem), problem.Message, now);

    /// <summary>A failure whose kind the caller cannot name (a live call's error text): the reason stays unset.</summary>
    protected ModelServerAvailability MarkDownUnclassified(string error, DateTimeOffset now) =>
        Set(ModelServerAvailability.Down, null, error, now);

    private ModelServerAvailability Set(ModelServerAvailability availability, TReason? reason, string? error, DateTimeOffset now)
    {
        lock (_gate)
        {
            var previous = _current.Availability;
            var next = availability == ModelServerAvailability.Up
                ? new Snapshot(availability, _current.LastError, _current.LastReason, now)
                : new Snapshot(availability, error, reason, now);
            Volatile.Write(ref _current, next);
            return previous;
        }
    }
}

/// <summary>
/// The state of an optional model server that speaks the kit's own failure vocabulary (reranker, embedding server).
/// Each server has its own subclass, so each is a singleton of its own.
/// </summary>
public abstract class ModelServerState() : ModelServerState<ModelServerFailure>(problem => problem.Kind)
{
    /// <summary>Records a live call's failure, described by <paramref name="error"/>.</summary>
    public ModelServerAvailability MarkDown(string error, DateTimeOffset now) => MarkDownUnclassified(error, now);
}
