using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TacticalRag.Api.Llm;

/// <summary>
/// Healthy when the preferred backend is up, or when no model server is configured at all (retrieval-only by design,
/// said in the description); Degraded (never Unhealthy) otherwise, because the API keeps serving through a fallback
/// or retrieval-only answers and must not be restarted for a model server's trouble.
/// </summary>
internal sealed class LlmHealthCheck(LlmBackendRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = registry.All.ToDictionary(
            b => b.Name,
            b => (object)b.StateName);
        var preferred = registry.Preferred;
        var active = registry.Active;
        var result = preferred switch
        {
            null when registry.All.All(b => !b.Configured) =>
                HealthCheckResult.Healthy("No model server is configured: answers are retrieval-only by design.", data),
            null => HealthCheckResult.Degraded("No LLM backend is enabled.", data: data),
            { State.Current.Availability: BackendAvailability.Up } => HealthCheckResult.Healthy($"{preferred.Name} is up.", data),
            _ when active is null => HealthCheckResult.Degraded("No LLM backend is up: answers are retrieval-only.", data: data),
            _ => HealthCheckResult.Degraded($"{preferred.Name} is not up; answering with {active.Name}.", data: data),
        };
        return Task.FromResult(result);
    }
}
