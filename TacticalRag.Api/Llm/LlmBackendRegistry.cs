namespace TacticalRag.Api.Llm;

/// <summary>The ordered backends (preferred first) and the per-request plan of which to try.</summary>
public sealed class LlmBackendRegistry(IReadOnlyList<LlmBackend> backends) : IDisposable
{
    public IReadOnlyList<LlmBackend> All { get; } = backends;

    public IReadOnlyList<LlmBackend> Enabled { get; } = backends.Where(b => b.Enabled).ToArray();

    /// <summary>The backend every request tries first when it is up; null when all are disabled.</summary>
    public LlmBackend? Preferred => Enabled.FirstOrDefault();

    /// <summary>The backend the next request will most likely be served by.</summary>
    public LlmBackend? Active => Enabled.FirstOrDefault(b => b.State.Current.Availability == BackendAvailability.Up);

    public LlmBackend? Find(string name) => All.FirstOrDefault(b => b.Name == name);

    /// <summary>
    /// Backends for one request, in preference order, skipping those known down. When every backend is known down,
    /// all are tried anyway: the monitor may not have seen a recovery yet, and a refused connection costs microseconds.
    /// </summary>
    /// <param name="excluded">Backends left out whatever their state (ones that already broke off in this request).</param>
    public IReadOnlyList<LlmBackend> PlanRequest(IReadOnlySet<string>? excluded = null)
    {
        var eligible = excluded is { Count: > 0 } ? Enabled.Where(b => !excluded.Contains(b.Name)).ToArray() : Enabled;
        var candidates = eligible.Where(b => !b.State.IsKnownDown).ToArray();
        return candidates.Length > 0 ? candidates : eligible;
    }

    public void Dispose()
    {
        foreach (var backend in All)
        {
            backend.Dispose();
        }
    }
}
