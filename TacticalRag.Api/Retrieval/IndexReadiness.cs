namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Whether this replica's <see cref="SearchIndex"/> holds the library yet. Until it does, the replica is alive but not
/// ready: <c>/health</c> says Unhealthy and searches wait briefly, then answer 503, never an empty result.
/// </summary>
public sealed class IndexReadiness
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private IndexReadiness()
    {
    }

    /// <summary>An index whose host fills it before serving (an evaluation, a test): ready at once.</summary>
    public static IndexReadiness Ready()
    {
        var readiness = new IndexReadiness();
        readiness.MarkLoaded();
        return readiness;
    }

    /// <summary>An index a loader fills from the library in the background: not ready until it says so.</summary>
    public static IndexReadiness AwaitingLoad() => new();

    /// <summary>Completes once the index first holds the whole library; later reloads swap in whole and keep it ready.</summary>
    public Task Loaded => _loaded.Task;

    public bool IsLoaded => _loaded.Task.IsCompleted;

    public void MarkLoaded() => _loaded.TrySetResult();
}
