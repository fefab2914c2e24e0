using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace TacticalRag.Api.Storage;

/// <summary>
/// Degraded, not Unhealthy, while Redis is unreachable: the API keeps answering what it can (its index is in memory)
/// and must not be restarted for it; it reconnects by itself.
/// </summary>
internal sealed class StorageHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception exception) when (StorageFailures.IsUnavailable(exception) || exception is TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis is unreachable; writes are refused with 503 until it is back.", exception);
        }
    }
}
