namespace TacticalRag.Bench.Measurement;

/// <summary>Latency percentiles (milliseconds) and throughput of one measured run; warm-up is never part of it.</summary>
public sealed record LatencySummary(
    int Count, int Errors, double P50, double P90, double P99, double Max, double Mean, double ThroughputPerSecond)
{
    /// <summary>
    /// CPU time the whole process (client, gateway, simulators) spent per measured request, in milliseconds; NaN when
    /// not measured. Under a CPU-bound load, latency is about concurrency × this ÷ cores.
    /// </summary>
    public double CpuMsPerRequest { get; init; } = double.NaN;

    /// <summary>Bytes the whole process allocated per measured request, in KiB: what feeds the garbage collector.</summary>
    public double AllocatedKiBPerRequest { get; init; } = double.NaN;

    /// <summary>Time the process was paused for garbage collection during the measured window: it lands on the tail.</summary>
    public double GcPauseMs { get; init; } = double.NaN;

    public int GcCount { get; init; }

    /// <param name="samplesMs">Latencies of the successful requests.</param>
    /// <param name="window">The measured wall-clock span, for throughput; null for samples taken one by one.</param>
    public static LatencySummary From(IEnumerable<double> samplesMs, int errors = 0, TimeSpan? window = null)
    {
        var sorted = samplesMs.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, errors, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        }
        var throughput = window is { TotalSeconds: > 0 } span ? sorted.Length / span.TotalSeconds : double.NaN;
        return new LatencySummary(
            sorted.Length, errors,
            Percentile(sorted, 0.50), Percentile(sorted, 0.90), Percentile(sorted, 0.99),
            sorted[^1], sorted.Average(), throughput);
    }

    /// <summary>Nearest-rank percentile: always a latency that was actually observed, never an interpolation.</summary>
    private static double Percentile(double[] sorted, double fraction)
    {
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
