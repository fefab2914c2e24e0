using System.Threading.Channels;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;
using TacticalRag.Api.Storage;

namespace TacticalRag.Api.Ingestion;

/// <summary>
/// Keeps this replica's in-memory search index equal to the library: loads everything at start, then follows the
/// change stream, so uploads and deletes made through any replica show up here. Versions are checked: a gap (changes
/// trimmed from the stream before this replica read them) or a step back (Redis restarted empty or from an older
/// copy) reloads the whole library into a fresh index that is swapped in, while the old one keeps serving.
/// </summary>
public sealed partial class LibraryIndexSync(
    ILibraryStore store,
    LibraryIndexLoader loader,
    LibraryChangeApplier applier,
    IndexReadiness readiness,
    EmbeddingModelSwitch modelSwitch,
    IOptions<IndexSyncOptions> options,
    ILogger<LibraryIndexSync> logger) : BackgroundService, ISearchIndexLoader
{
    private long _version = -1;

    /// <summary>Completes once the index holds everything that was in the store at start.</summary>
    public Task Loaded => readiness.Loaded;

    /// <summary>The library version the index reflects; -1 until loaded.</summary>
    public long Version => Interlocked.Read(ref _version);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await StorageRetry.UntilAvailableAsync(modelSwitch.EnsureAsync, logger, "checking the embedding model", stoppingToken);
        if (!loader.HoldsLibraryCopy)
        {
            // The library's database answers searches itself: this replica is ready as soon as it reaches it. Resuming
            // interrupted embeddings lists the library's documents: work in the background, not a wait before searches.
            readiness.MarkLoaded();
            await StorageRetry.UntilAvailableAsync(loader.ResumeEmbeddingAsync, logger, "resuming interrupted embeddings", stoppingToken);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await FollowAsync(stoppingToken) is not { } reason)
                {
                    return; // the stream ended: the app is stopping
                }
                LogReloading(logger, reason);
            }
            catch (Exception exception) when (StorageFailures.IsUnavailable(exception) && !stoppingToken.IsCancellationRequested)
            {
                // The change stream broke off: changes may have been missed, so load everything again and follow anew.
                LogResync(logger, exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>Loads, then applies changes until one says the index must be reloaded; returns why (null: stopping).</summary>
    private async Task<string?> FollowAsync(CancellationToken stoppingToken)
    {
        using var following = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        // Watch first, load second: a change made while loading is then seen on the stream instead of lost.
        var changes = Channel.CreateUnbounded<LibraryChange>();
        var watching = WatchAsync(changes.Writer, following.Token);
        try
        {
            var sequence = new ChangeSequence(await StorageRetry.UntilAvailableAsync(loader.LoadAsync, logger, "loading the search index", stoppingToken));
            Interlocked.Exchange(ref _version, sequence.Last);
            readiness.MarkLoaded();
            using var timer = new PeriodicTimer(options.Value.ConsistencyCheckInterval);
            var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
            var arrived = changes.Reader.WaitToReadAsync(stoppingToken).AsTask();
            while (true)
            {
                if (await Task.WhenAny(arrived, tick) == tick)
                {
                    if (!await tick) return null;
                    if (await SteppedBackAsync(sequence, stoppingToken) is { } reason) return reason;
                    tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
                    continue;
                }
                if (!await arrived) return null;
                if (await DrainAsync(changes.Reader, sequence, stoppingToken) is { } problem) return problem;
                arrived = changes.Reader.WaitToReadAsync(stoppingToken).AsTask();
            }
        }
        finally
        {
            await following.CancelAsync();
            await watching;
        }
    }

    /// <summary>Applies what has arrived; each document's new vectors are fetched once per drain, not once per batch.</summary>
    private async Task<string?> DrainAsync(ChannelReader<LibraryChange> changes, ChangeSequence sequence, CancellationToken stoppingToken)
    {
        Dictionary<string, HashSet<string>> vectorsAdded = new(StringComparer.Ordinal);
        while (changes.TryRead(out var change))
        {
            if (!change.IsVersioned)
            {
                if (!vectorsAdded.TryGetValue(change.DocumentId, out var chunkIds)) vectorsAdded[change.DocumentId] = chunkIds = [];
                chunkIds.UnionWith(change.ChunkIds ?? []);
                continue;
            }
            switch (sequence.Next(change.Version))
            {
                case ChangeOrder.Gap:
                    return $"a gap in the library's versions: version {change.Version} came after {sequence.Last}";
                case ChangeOrder.SteppedBack:
                    return $"the library's version went back from {sequence.Last} to {change.Version}";
            }
            await StorageRetry.UntilAvailableAsync(token => applier.ApplyAsync(change, token), logger, "following a library change", stoppingToken);
            Interlocked.Exchange(ref _version, sequence.Last);
        }
        foreach (var (documentId, chunkIds) in vectorsAdded)
        {
            await StorageRetry.UntilAvailableAsync(token => applier.ApplyVectorsAsync(documentId, chunkIds, token), logger, "reading new vectors", stoppingToken);
        }
        return null;
    }

    private async Task<string?> SteppedBackAsync(ChangeSequence sequence, CancellationToken stoppingToken)
    {
        try
        {
            var stored = await store.GetVersionAsync(stoppingToken);
            return stored < sequence.Last ? $"the library's version is {stored}, below the index's {sequence.Last} (the store was emptied or restored)" : null;
        }
        catch (Exception exception) when (StorageFailures.IsUnavailable(exception))
        {
            return null; // unreachable for now: the next check looks again
        }
    }

    private async Task WatchAsync(ChannelWriter<LibraryChange> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in store.WatchAsync(cancellationToken))
            {
                await writer.WriteAsync(change, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // following stopped: this watch is done
        }
        finally
        {
            writer.TryComplete();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Library change stream broke off ({Problem}); reloading the search index")]
    private static partial void LogResync(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the search index: {Reason}")]
    private static partial void LogReloading(ILogger logger, string reason);
}
