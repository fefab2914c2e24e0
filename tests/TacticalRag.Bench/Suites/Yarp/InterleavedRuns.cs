using System.Diagnostics;
using TacticalRag.Bench.Measurement;

namespace TacticalRag.Bench.Suites.Yarp;

/// <summary>
/// One path's measurements gathered over several short rounds that alternate with the other paths', so a noisy
/// neighbour on the machine hits every path alike. Samples from all rounds are pooled before percentiles are taken.
/// </summary>
public sealed class InterleavedRuns
{
    private readonly List<double> _samplesMs = [];
    private int _errors;
    private TimeSpan _window;
    private ProcessCounters _used;

    /// <summary>A closed loop of <paramref name="concurrency"/> workers; only requests started after the warm-up count.</summary>
    public async Task RunRoundAsync(
        int concurrency, TimeSpan warmup, TimeSpan duration, Func<CancellationToken, Task<bool>> send, CancellationToken cancellationToken)
    {
        var recorders = Enumerable.Range(0, concurrency).Select(_ => new LatencyRecorder()).ToArray();
        var measureFrom = Stopwatch.GetTimestamp() + Ticks(warmup);
        var end = measureFrom + Ticks(duration);
        var workers = Task.WhenAll(recorders.Select(recorder => Task.Run(() => ClosedLoopLoad.WorkAsync(recorder, measureFrom, end, send, cancellationToken), cancellationToken)));
        await Task.Delay(warmup, cancellationToken);
        var before = ProcessCounters.Read();
        await workers;
        var used = ProcessCounters.Read() - before;
        _used = new ProcessCounters(_used.Cpu + used.Cpu, _used.AllocatedBytes + used.AllocatedBytes, _used.GcPause + used.GcPause, _used.GcCount + used.GcCount);
        foreach (var recorder in recorders)
        {
            _samplesMs.AddRange(recorder.SamplesMs);
            _errors += recorder.Errors;
        }
        var lastCompleted = recorders.Max(r => r.LastCompletedTimestamp);
        _window += lastCompleted > measureFrom ? Stopwatch.GetElapsedTime(measureFrom, lastCompleted) : TimeSpan.Zero;
    }

    public LatencySummary Summarize()
    {
        return _used.PerRequestOf(LatencySummary.From(_samplesMs, _errors, _window));
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
