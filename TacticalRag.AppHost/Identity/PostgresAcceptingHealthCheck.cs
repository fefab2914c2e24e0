using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace TacticalRag.AppHost.Identity;

/// <summary>
/// The local <c>postgres</c> process is healthy when it accepts connections and answers a query. It is not asked before
/// it says it is ready: a connection while the server is still starting is refused, and the server logs that refusal as
/// <c>FATAL: the database system is starting up</c>, which is no fault of anyone's. The server's own word is the status
/// line of <c>postmaster.pid</c> in its data folder (<c>ready</c> once it accepts connections, PostgreSQL 10 and later).
/// </summary>
internal sealed class PostgresAcceptingHealthCheck(string dataPath, Func<string?> connectionString) : IHealthCheck
{
    private const int StatusLine = 7;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await SaysReadyAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is starting.");
        }
        try
        {
            await using var connection = new NpgsqlConnection(connectionString()
                ?? throw new InvalidOperationException("The connection string is not available yet."));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy(exception.Message, exception);
        }
    }

    private async Task<bool> SaysReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            var lines = await File.ReadAllLinesAsync(Path.Combine(dataPath, "postmaster.pid"), cancellationToken);
            return lines.Length > StatusLine && lines[StatusLine].Trim() == "ready";
        }
        catch (IOException)
        {
            return false;
        }
    }
}
