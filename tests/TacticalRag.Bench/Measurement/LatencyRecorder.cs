using System.Diagnostics;

namespace TacticalRag.Bench.Measurement;

/// <summary>
/// Collects one worker's latencies. Each concurrent worker owns one, so recording takes no lock; the recorders are
/// merged once the run is over.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly List<double> _samplesMs = new(capacity: 16_384);

    public int Errors { get; private set; }

    /// <summary>Stopwatch timestamp of the last recorded completion, to close the measured window.</summary>
    public long LastCompletedTimestamp { get; private set; }

    public IReadOnlyList<double> SamplesMs => _samplesMs;

    public void Record(long startedTimestamp, long completedTimestamp, bool succeeded)
    {
        LastCompletedTimestamp = Math.Max(LastCompletedTimestamp, completedTimestamp);
        if (succeeded)
        {
            _samplesMs.Add(Stopwatch.GetElapsedTime(startedTimestamp, completedTimestamp).TotalMilliseconds);
        }
        else
        {
            Errors++;
        }
    }

    public static LatencySummary Merge(IReadOnlyCollection<LatencyRecorder> recorders, long windowStartTimestamp)
    {
        var windowEnd = recorders.Max(r => r.LastCompletedTimestamp);
        var window = windowEnd > windowStartTimestamp ? Stopwatch.GetElapsedTime(windowStartTimestamp, windowEnd) : TimeSpan.Zero;
        return LatencySummary.From(recorders.SelectMany(r => r.SamplesMs), recorders.Sum(r => r.Errors), window);
    }
}
