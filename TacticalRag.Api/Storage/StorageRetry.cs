namespace TacticalRag.Api.Storage;

/// <summary>
/// For background work that must not be lost while the store is unreachable: waits and tries again (backing off to
/// 10 s) until it succeeds or the app stops. Anything that is not an outage propagates.
/// </summary>
public static partial class StorageRetry
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    public static async Task<T> UntilAvailableAsync<T>(Func<CancellationToken, Task<T>> action, ILogger logger, string what, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return await action(cancellationToken);
            }
            catch (Exception exception) when (StorageFailures.IsUnavailable(exception) && !cancellationToken.IsCancellationRequested)
            {
                LogWaiting(logger, what, delay.TotalSeconds, exception.Message);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    public static Task UntilAvailableAsync(Func<CancellationToken, Task> action, ILogger logger, string what, CancellationToken cancellationToken) =>
        UntilAvailableAsync(async token => { await action(token); return true; }, logger, what, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store unreachable while {What}; trying again in {Seconds:0.##} s ({Problem})")]
    private static partial void LogWaiting(ILogger logger, string what, double seconds, string problem);
}
