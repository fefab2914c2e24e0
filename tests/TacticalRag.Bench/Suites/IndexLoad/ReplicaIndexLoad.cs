using System.Diagnostics;
using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;

namespace TacticalRag.Bench.Suites.IndexLoad;

/// <summary>One store's load into a fresh index: time split into reading and indexing, and memory (bytes).</summary>
public sealed record IndexLoadResult(
    string Store, int Round, int Chunks, int Vectors, TimeSpan Wall, TimeSpan Indexing, TimeSpan Cpu, long RetainedManaged, long WorkingSetBefore,
    long WorkingSetAfter, long PeakWorkingSet, long PeakManaged)
{
    /// <summary>Connecting, reading the store and parsing what it returns: everything but <see cref="SearchIndex.AddRange"/>.</summary>
    public TimeSpan Reading => Wall - Indexing;
}

/// <summary>
/// A replica's start as <c>LibraryIndexSync</c> does it: open the store, <see cref="ILibraryStore.LoadAllAsync"/>
/// into <see cref="SearchIndex.AddRange"/> in batches of 5,000, list the documents (to resume interrupted ingestion),
/// and open the keyword reader with a first search, which is when the index becomes searchable.
/// </summary>
public static class ReplicaIndexLoad
{
    /// <summary>LibraryIndexSync's batch.</summary>
    private const int AddBatch = 5_000;

    public sealed record OpenedStore(ILibraryStore Store, IAsyncDisposable? Connection);

    public static async Task<IndexLoadResult> MeasureAsync(
        string store, int round, Func<Task<OpenedStore>> open, CancellationToken cancellationToken)
    {
        var (result, index) = await LoadAsync(store, round, open, cancellationToken);
        await WaitUntilCollectedAsync(index, cancellationToken);
        return result;
    }

    /// <summary>
    /// A disposed index is not always unreachable at once (background work of the store's client or Lucene lets go a
    /// moment later); the next measurement's baseline must not include it.
    /// </summary>
    private static async Task WaitUntilCollectedAsync(WeakReference index, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (GC.GetTotalMemory(forceFullCollection: true) > 0 && index.IsAlive)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The previous index was still reachable 30 s after its load was measured.");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task<(IndexLoadResult Result, WeakReference Index)> LoadAsync(
        string store, int round, Func<Task<OpenedStore>> open, CancellationToken cancellationToken)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Environment.WorkingSet;
        using var peaks = MemoryPeaks.Start();
        var cpuBefore = ProcessCounters.Read().Cpu;
        var started = Stopwatch.GetTimestamp();
        var indexing = TimeSpan.Zero;

        var opened = await open();
        var index = new SearchIndex();
        List<IndexedChunk> batch = new(AddBatch);
        await foreach (var chunk in opened.Store.LoadAllAsync(cancellationToken))
        {
            batch.Add(chunk);
            if (batch.Count == AddBatch)
            {
                indexing += Add(index, batch);
                batch = new List<IndexedChunk>(AddBatch);
            }
        }
        indexing += Add(index, batch);
        batch = []; // the last batch's chunks, vectors included, must not count as retained by the index
        await opened.Store.ListDocumentsAsync(cancellationToken);
        var firstSearch = Stopwatch.GetTimestamp();
        index.SearchKeywords("warm", 1);
        indexing += Stopwatch.GetElapsedTime(firstSearch);
        var wall = Stopwatch.GetElapsedTime(started);
        var cpu = ProcessCounters.Read().Cpu - cpuBefore;

        var (peakWorkingSet, peakManaged) = await peaks.StopAsync();
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        var result = new IndexLoadResult(store, round, index.Count, index.VectorCount, wall, indexing, cpu, retained, workingSetBefore,
            Environment.WorkingSet, peakWorkingSet, peakManaged);
        Progress.Step($"{store}, load {round}: {result.Chunks:N0} chunks ({result.Vectors:N0} vectors) loaded in {wall.TotalSeconds:0.0} s, "
            + $"{retained / 1e6:0} MB retained");

        index.Dispose();
        if (opened.Connection is { } connection)
        {
            await connection.DisposeAsync();
        }
        return (result, new WeakReference(index));
    }

    private static TimeSpan Add(SearchIndex index, List<IndexedChunk> batch)
    {
        var started = Stopwatch.GetTimestamp();
        index.AddRange(batch);
        return Stopwatch.GetElapsedTime(started);
    }
}
