using System.Runtime.CompilerServices;
using StackExchange.Redis;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Storage.Redis;

/// <summary>
/// Follows the <c>changes</c> stream (library changes, versioned) and the <c>vector-changes</c> stream (embedding
/// progress notices) with blocking XREADs on a connection of its own: StackExchange.Redis multiplexes every other
/// command over one connection, where a blocked read would stall them all, so this one gets its own multiplexer
/// (uninstrumented, so an idle follower leaves no traces). Survives Redis going away: logs, backs off, carries on
/// from the last entries it saw; what it may have missed meanwhile shows as a gap or a step back in the versions,
/// which the index sync reacts to by reloading.
/// </summary>
internal sealed partial class RedisChangeFollower(IConnectionMultiplexer redis, RedisKeys keys, TimeSpan retryDelay, ILogger logger)
{
    private const int EntriesPerRead = 500;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <summary>How long one read waits for a change; the connection's command timeout is longer by a margin.</summary>
    private static readonly TimeSpan BlockFor = TimeSpan.FromSeconds(5);

    private readonly IDatabase _db = redis.GetDatabase();

    /// <summary>
    /// The starting points are asked for now, on the shared connection, not at the first MoveNextAsync, so a change
    /// this process makes after calling is always seen (commands on one connection reach Redis in order).
    /// </summary>
    public IAsyncEnumerable<LibraryChange> Follow(CancellationToken cancellationToken) =>
        FollowFromAsync(LastIdsAsync(), cancellationToken);

    private Task<RedisValue[]> LastIdsAsync() =>
        Task.WhenAll(LastIdAsync(keys.Changes), LastIdAsync(keys.VectorChanges));

    private async Task<RedisValue> LastIdAsync(RedisKey stream)
    {
        var last = await _db.StreamRangeAsync(stream, "-", "+", count: 1, messageOrder: Order.Descending);
        // No stream yet: every entry that will ever be added comes after 0-0.
        return last.Length == 0 ? "0-0" : last[0].Id;
    }

    private async IAsyncEnumerable<LibraryChange> FollowFromAsync(Task<RedisValue[]> start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var positions = await StartPositionsAsync(start, cancellationToken);
        await using var blocking = await ConnectBlockingAsync();
        var reader = blocking.GetDatabase();
        var failures = 0;
        while (true)
        {
            // BLOCK returns as soon as either stream has an entry after its position, so nothing waits out the block.
            var read = reader.ExecuteAsync("XREAD",
                "COUNT", EntriesPerRead, "BLOCK", (long)BlockFor.TotalMilliseconds,
                "STREAMS", keys.Changes, keys.VectorChanges, positions[0], positions[1]);
            var streams = await TryAsync(ParseAsync(read.WaitAsync(cancellationToken)), failures);
            if (streams is null)
            {
                failures++;
                await Task.Delay(Backoff(failures), cancellationToken);
                continue;
            }
            failures = Recovered(failures);
            // Library changes first: a vectors notice read in the same round never refers to a document whose
            // addition this replica has not applied yet.
            foreach (var (key, slot) in new[] { (keys.Changes, 0), (keys.VectorChanges, 1) })
            {
                foreach (var entry in streams.GetValueOrDefault(key) ?? [])
                {
                    positions[slot] = entry.Id;
                    if (Parse(entry) is { } change)
                    {
                        yield return change;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The follower's own connection, to the same server as the shared one. It does not give up when Redis is down at
    /// first: reads fail (and back off) until it is up.
    /// </summary>
    private Task<ConnectionMultiplexer> ConnectBlockingAsync()
    {
        var options = ConfigurationOptions.Parse(redis.Configuration);
        options.AbortOnConnectFail = false;
        options.Protocol = RedisProtocol.Resp2;
        options.ClientName = (options.ClientName ?? "tacticalrag") + "-changes";
        options.AsyncTimeout = (int)(BlockFor + TimeSpan.FromSeconds(5)).TotalMilliseconds;
        options.SyncTimeout = options.AsyncTimeout;
        return ConnectionMultiplexer.ConnectAsync(options);
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

    private static async Task<Dictionary<RedisKey, StreamEntry[]>> ParseAsync(Task<RedisResult> read) =>
        RedisStreamReply.Parse(await read);

    private async Task<T?> TryAsync<T>(Task<T> read, int failures) where T : class
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
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, retryDelay.Ticks << Math.Min(failures, 10)));

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
