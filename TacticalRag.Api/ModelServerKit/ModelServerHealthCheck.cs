using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TacticalRag.Api.ModelServerKit;

/// <summary>
/// Healthy when the server is not configured or is up; Degraded (never Unhealthy) when a configured one is not up, as
/// for the LLM backends: requests go on without it, and the API must not be restarted for it.
/// </summary>
public sealed class ModelServerHealthCheck(ModelServerState state, ModelServerProbe probe) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!probe.IsConfigured)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"No {probe.Name} is configured: {probe.WhenDown}."));
        }

        var current = state.Current;
        var data = new Dictionary<string, object>
        {
            [probe.Name] = current.Availability.ToString().ToLowerInvariant(),
            ["model"] = probe.Model,
        };
        return Task.FromResult(current.Availability == ModelServerAvailability.Up
            ? HealthCheckResult.Healthy($"The {probe.Name} is up: {probe.WhenUp}.", data)
            : HealthCheckResult.Degraded($"The {probe.Name} is not up ({current.LastError ?? "not probed yet"}): {probe.WhenDown}.", data: data));
    }
}
