using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Storage.Postgres;

/// <summary>Deletes expired conversations every <see cref="ConversationStorageOptions.SweepInterval"/> (they already read as missing).</summary>
internal sealed partial class PostgresConversationSweeper(
    PostgresConversationStore store, IOptions<ConversationStorageOptions> options, ILogger<PostgresConversationSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await store.DeleteExpiredAsync(stoppingToken);
            }
            catch (Exception exception) when (StorageFailures.IsUnavailable(exception))
            {
                LogUnavailable(logger, exception.Message); // the next tick tries again
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete expired conversations: {Problem}")]
    private static partial void LogUnavailable(ILogger logger, string problem);
}
