using System.Runtime.CompilerServices;
using StackExchange.Redis;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Storage.Redis;

/// <summary>
/// Follows the <c>changes</c> stream (library changes, versioned) and the <c>vector-changes</c> stream (embedding
/// progress notices) by polling XREAD without BLOCK (a blocking read would stall every other command on
/// StackExchange.Redis's shared connection). Survives Redis going away: logs, backs off, carries on from the last
/// entries it saw; what it may have missed meanwhile shows as a gap or a step back in the versions, which the
/// index sync reacts to by reloading.
/// </summary>
internal sealed partial class RedisChangeFollower(IDatabase db, RedisKeys keys, TimeSpan pollInterval, ILogger logger)
{
    private const int EntriesPerRead = 500;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The starting points are asked for now, not at the first MoveNextAsync, so a change this process makes after
    /// calling is always seen (commands on one connection reach Redis in order).
    /// </summary>
    public IAsyncEnumerable<LibraryChange> Follow(CancellationToken cancellationToken) =>
        FollowFromAsync(LastIdsAsync(), cancellationToken);

    private Task<RedisValue[]> LastIdsAsync() =>
        Task.WhenAll(LastIdAsync(keys.Changes), LastIdAsync(keys.VectorChanges));

    private async Task<RedisValue> LastIdAsync(RedisKey stream)
    {
        var last = await db.StreamRangeAsync(stream, "-", "+", count: 1, messageOrder: Order.Descending);
        // No stream yet: every entry that will ever be added comes after 0-0.
        return last.Length == 0 ? "0-0" : last[0].Id;
    }

    private async IAsyncEnumerable<LibraryChange> FollowFromAsync(Task<RedisValue[]> start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var positions = await StartPositionsAsync(start, cancellationToken);
        var failures = 0;
        while (true)
        {
            var read = db.StreamReadAsync(
                [new StreamPosition(keys.Changes, positions[0]), new StreamPosition(keys.VectorChanges, positions[1])], EntriesPerRead);
            var streams = await TryAsync(read, failures);
            if (streams is null)
            {
                failures++;
                await Task.Delay(Backoff(failures), cancellationToken);
                continue;
            }
            failures = Recovered(failures);
            var full = false;
            // Library changes first: a vectors notice read in the same round never refers to a document whose
            // addition this replica has not applied yet.
            foreach (var (key, slot) in new[] { (keys.Changes, 0), (keys.VectorChanges, 1) })
            {
                var entries = streams.FirstOrDefault(s => s.Key == key).Entries ?? [];
                full |= entries.Length >= EntriesPerRead;
                foreach (var entry in entries)
                {
                    positions[slot] = entry.Id;
                    if (Parse(entry) is { } change)
                    {
                        yield return change;
                    }
                }
            }
            if (!full)
            {
                await Task.Delay(pollInterval, cancellationToken);
            }
        }
    }

    private async Task<RedisValue[]> StartPositionsAsync(Task<RedisValue[]> read, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            if (await TryAsync(read, failures) is { } positions)
            {
                Recovered(failures);
                return positions;
            }
            failures++;
            await Task.Delay(Backoff(failures), cancellationToken);
            read = LastIdsAsync();
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

    private async Task<T[]?> TryAsync<T>(Task<T[]> read, int failures)
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
            var chunks = entry["chunks"];
            return new LibraryChange(parsed, document.ToString(), version, chunks.IsNullOrEmpty ? null : chunks.ToString().Split('\n'));
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
