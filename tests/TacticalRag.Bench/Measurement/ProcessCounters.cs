using System.Diagnostics;

namespace TacticalRag.Bench.Measurement;

/// <summary>Process-wide costs read before and after a measured window: CPU, allocations, garbage collection.</summary>
public readonly record struct ProcessCounters(TimeSpan Cpu, long AllocatedBytes, TimeSpan GcPause, int GcCount)
{
    public static ProcessCounters Read()
    {
        using var self = Process.GetCurrentProcess();
        // Gen 0 counts every collection: a gen 1 or gen 2 collection also collects gen 0.
        return new ProcessCounters(self.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: false), GC.GetTotalPauseDuration(), GC.CollectionCount(0));
    }

    public static ProcessCounters operator -(ProcessCounters after, ProcessCounters before) => new(
        after.Cpu - before.Cpu, after.AllocatedBytes - before.AllocatedBytes, after.GcPause - before.GcPause, after.GcCount - before.GcCount);

    /// <summary>The summary with these counters spread over its requests.</summary>
    public LatencySummary PerRequestOf(LatencySummary summary)
    {
        var perRequest = summary.Count == 0 ? double.NaN : 1.0 / summary.Count;
        return summary with
        {
            CpuMsPerRequest = Cpu.TotalMilliseconds * perRequest,
            AllocatedKiBPerRequest = AllocatedBytes / 1024.0 * perRequest,
            GcPauseMs = GcPause.TotalMilliseconds,
            GcCount = GcCount,
        };
    }
}
