using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Storage.Files;

/// <summary>
/// Deletes the files of expired conversations every <see cref="ConversationStorageOptions.SweepInterval"/>: Redis expires
/// keys by itself, but in the folder store a conversation nobody asks for again would otherwise stay on disk for ever.
/// </summary>
internal sealed partial class FileConversationSweeper(
    FileConversationStore store,
    IOptions<ConversationStorageOptions> options,
    TimeProvider time,
    ILogger<FileConversationSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                if (await store.SweepExpiredAsync(stoppingToken) is > 0 and var removed)
                {
                    LogSwept(logger, removed);
                }
            }
            catch (IOException exception)
            {
                // A file that could not be read or removed now is tried again on the next sweep.
                LogSweepFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} expired conversation(s) from the data folder")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired conversations failed; retrying on the next sweep")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
