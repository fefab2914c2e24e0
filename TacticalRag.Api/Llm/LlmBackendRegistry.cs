using TacticalRag.Api.ModelServerKit;

namespace TacticalRag.Api.Llm;

/// <summary>The ordered backends (preferred first) and the per-request plan of which to try.</summary>
public sealed class LlmBackendRegistry(IReadOnlyList<LlmBackend> backends) : IDisposable
{
    public IReadOnlyList<LlmBackend> All { get; } = backends;

    public IReadOnlyList<LlmBackend> Enabled { get; } = backends.Where(b => b.Enabled).ToArray();

    /// <summary>The backend every request tries first when it is up; null when all are disabled.</summary>
    public LlmBackend? Preferred => Enabled.FirstOrDefault();

    /// <summary>The backend the next request will most likely be served by.</summary>
    public LlmBackend? Active => Enabled.FirstOrDefault(b => b.State.Current.Availability == ModelServerAvailability.Up);

    public LlmBackend? Find(string name) => All.FirstOrDefault(b => b.Name == name);

    /// <summary>
    /// Backends for one request, in preference order, skipping those known down. When every backend is known down the
    /// plan is empty and the request answers at once: a backend that is down by name (DNS) or still loading costs
    /// seconds per try, and the health monitor brings a recovered one back within a probe interval.
    /// </summary>
    /// <param name="excluded">Backends left out whatever their state (ones that already broke off in this request).</param>
    public IReadOnlyList<LlmBackend> PlanRequest(IReadOnlySet<string>? excluded = null)
    {
        var eligible = excluded is { Count: > 0 } ? Enabled.Where(b => !excluded.Contains(b.Name)).ToArray() : Enabled;
        return eligible.Where(b => !b.State.IsKnownDown).ToArray();
    }

    public void Dispose()
    {
        foreach (var backend in All)
        {
            backend.Dispose();
        }
    }
}
