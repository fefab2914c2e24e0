using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TacticalRag.Api.Storage.Postgres;

/// <summary>Whether the library's database answers (and its schema is up to date): without it there is no library.</summary>
internal sealed class PostgresHealthCheck(PostgresLibraryDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = new Npgsql.NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("The library's PostgreSQL database answers.");
        }
        catch (Exception exception) when (StorageFailures.IsUnavailable(exception) || exception is Npgsql.NpgsqlException)
        {
            return HealthCheckResult.Unhealthy("The library's PostgreSQL database does not answer.", exception);
        }
    }
}
