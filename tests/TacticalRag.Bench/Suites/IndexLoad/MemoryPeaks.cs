namespace TacticalRag.Bench.Suites.IndexLoad;

/// <summary>
/// Samples the process's working set and managed heap every few milliseconds until disposed, keeping the highest
/// seen: a load's transient peak (replies, parsed JSON, Lucene buffers) can be far above what it keeps.
/// </summary>
public sealed class MemoryPeaks : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _workingSet;
    private long _managed;

    private MemoryPeaks() => _sampling = Task.Run(SampleAsync);

    public static MemoryPeaks Start() => new();

    /// <summary>Stops sampling; the peaks in bytes.</summary>
    public async Task<(long WorkingSet, long Managed)> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        Sample();
        return (Interlocked.Read(ref _workingSet), Interlocked.Read(ref _managed));
    }

    public void Dispose() => _stop.Dispose();

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        Max(ref _workingSet, Environment.WorkingSet);
        Max(ref _managed, GC.GetTotalMemory(forceFullCollection: false));
    }

    private static void Max(ref long peak, long value)
    {
        var seen = Interlocked.Read(ref peak);
        while (value > seen && Interlocked.CompareExchange(ref peak, value, seen) != seen)
        {
            seen = Interlocked.Read(ref peak);
        }
    }
}
