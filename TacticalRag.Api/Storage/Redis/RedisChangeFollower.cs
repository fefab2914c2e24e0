using System.Runtime.CompilerServices;
using StackExchange.Redis;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Storage.Redis;

/// <summary>
/// Follows the <c>changes</c> stream by polling XREAD without BLOCK (a blocking read would stall every other
/// command on StackExchange.Redis's shared connection). Survives Redis going away: logs, backs off, carries on from
/// the last entry it saw.
/// </summary>
internal sealed partial class RedisChangeFollower(IDatabase db, RedisKeys keys, TimeSpan pollInterval, ILogger logger)
{
    private const int EntriesPerRead = 500;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The starting point is asked for now, not at the first MoveNextAsync, so a change this process makes after
    /// calling is always seen (commands on one connection reach Redis in order).
    /// </summary>
    public IAsyncEnumerable<LibraryChange> Follow(CancellationToken cancellationToken) =>
        FollowFromAsync(LastIdAsync(), cancellationToken);

    private Task<StreamEntry[]> LastIdAsync() =>
        db.StreamRangeAsync(keys.Changes, "-", "+", count: 1, messageOrder: Order.Descending);

    private async IAsyncEnumerable<LibraryChange> FollowFromAsync(Task<StreamEntry[]> start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = await StartPositionAsync(start, cancellationToken);
        var failures = 0;
        while (true)
        {
            var entries = await TryAsync(db.StreamReadAsync(keys.Changes, position, EntriesPerRead), failures);
            if (entries is null)
            {
                failures++;
                await Task.Delay(Backoff(failures), cancellationToken);
                continue;
            }
            failures = Recovered(failures);
            foreach (var entry in entries)
            {
                position = entry.Id;
                if (Parse(entry) is { } change)
                {
                    yield return change;
                }
            }
            if (entries.Length < EntriesPerRead)
            {
                await Task.Delay(pollInterval, cancellationToken);
            }
        }
    }

    private async Task<RedisValue> StartPositionAsync(Task<StreamEntry[]> read, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            if (await TryAsync(read, failures) is { } last)
            {
                Recovered(failures);
                // No stream yet: every entry that will ever be added comes after 0-0.
                return last.Length == 0 ? "0-0" : last[0].Id;
            }
            failures++;
            await Task.Delay(Backoff(failures), cancellationToken);
            read = LastIdAsync();
        }
    }

    private int Recovered(int failures)
    {
        if (failures > 0)
        {
            LogRecovered(logger, failures);
        }
        return 0;
    }

    private async Task<StreamEntry[]?> TryAsync(Task<StreamEntry[]> read, int failures)
    {
        try
        {
            return await read;
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            if (failures == 0)
            {
                LogUnavailable(logger, ex, keys.Changes.ToString());
            }
            return null;
        }
    }

    private TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, pollInterval.Ticks << Math.Min(failures, 10)));

    private LibraryChange? Parse(StreamEntry entry)
    {
        var kind = entry["kind"];
        var document = entry["doc"];
        if (Enum.TryParse<LibraryChangeKind>(kind.ToString(), out var parsed) && !document.IsNullOrEmpty && entry["version"].TryParse(out long version))
        {
            return new LibraryChange(parsed, document.ToString(), version);
        }
        LogUnreadable(logger, entry.Id.ToString());
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Library change stream {Stream} is unreachable; retrying with back-off")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string stream);

    [LoggerMessage(Level = LogLevel.Information, Message = "Library change stream reachable again after {Failures} failed reads")]
    private static partial void LogRecovered(ILogger logger, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped unreadable library change {EntryId}")]
    private static partial void LogUnreadable(ILogger logger, string entryId);
}
