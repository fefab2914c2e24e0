using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Llm;

namespace TacticalRag.Api.Reranking;

/// <summary>
/// Healthy when no reranker is configured or it is up; Degraded (never Unhealthy) when a configured one is not up,
/// as for the LLM backends: searches still rank by fusion, and the API must not be restarted for it.
/// </summary>
internal sealed class RerankerHealthCheck(RerankerState state, IOptions<RerankerOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return Task.FromResult(HealthCheckResult.Healthy("No reranker is configured: searches rank by fusion."));
        }

        var current = state.Current;
        var data = new Dictionary<string, object> { ["reranker"] = current.Availability.ToString().ToLowerInvariant() };
        return Task.FromResult(current.Availability == BackendAvailability.Up
            ? HealthCheckResult.Healthy("The reranker is up.", data)
            : HealthCheckResult.Degraded($"The reranker is not up ({current.LastError ?? "not probed yet"}): searches rank by fusion.", data: data));
    }
}
