using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TacticalRag.Api.ModelServerKit;

/// <summary>
/// The one health check for model servers: Healthy when none is configured (the product works without, by design) or
/// the preferred one is up; Degraded, never Unhealthy, otherwise, because requests go on through the next server or
/// without one, and the API must not be restarted for a model server's trouble. Its data names each server's state.
/// </summary>
public sealed class ModelServerHealthCheck(ModelServerGroup group) : IHealthCheck
{
    /// <summary>The check for a single optional server.</summary>
    public ModelServerHealthCheck(IModelServerState state, ModelServerProbe probe) : this(ModelServerGroup.Single(probe, state))
    {
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        foreach (var member in group.Members)
        {
            data[member.Probe.Name] = member.StateName;
            if (member.Probe.IsConfigured)
            {
                data[$"{member.Probe.Name} model"] = member.Probe.Model;
            }
        }

        var preferred = group.Preferred;
        var active = group.Active;
        var result = preferred switch
        {
            null when group.Members.All(m => !m.Probe.IsConfigured) =>
                HealthCheckResult.Healthy($"No {group.Kind} is configured: {group.WhenNoneUp}.", data),
            null => HealthCheckResult.Degraded($"No {group.Kind} is enabled: {group.WhenNoneUp}.", data: data),
            _ when active == preferred => HealthCheckResult.Healthy($"{preferred.Probe.Name} is up: {preferred.Probe.WhenUp}.", data),
            _ when active is not null => HealthCheckResult.Degraded(
                $"{preferred.Probe.Name} is not up ({Why(preferred)}): {active.Probe.Name} stands in.", data: data),
            _ => HealthCheckResult.Degraded(
                $"No {group.Kind} is up ({string.Join("; ", group.Members.Where(m => m.IsProbed).Select(m => Why(m, named: group.Members.Count > 1)))}): {group.WhenNoneUp}.",
                data: data),
        };
        return Task.FromResult(result);
    }

    private static string Why(ModelServerMember member, bool named = false)
    {
        var why = member.State.LastError ?? "not probed yet";
        return named ? $"{member.Probe.Name}: {why}" : why;
    }
}
