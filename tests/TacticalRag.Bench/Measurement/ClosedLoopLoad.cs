using System.Diagnostics;

namespace TacticalRag.Bench.Measurement;

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers each send a request, wait for the whole answer, and send the next.
/// Requests that start during the warm-up are sent but not recorded (JIT, connection set-up, pools filling);
/// requests that start inside the measured window are recorded even if they finish after it. The process's CPU time and
/// allocations over the measured window are divided among the recorded requests.
/// </summary>
public static class ClosedLoopLoad
{
    /// <param name="send">Sends one request and reads its whole answer; false (or an HTTP failure) counts as an error.</param>
    public static async Task<LatencySummary> RunAsync(
        int concurrency, TimeSpan warmup, TimeSpan duration, Func<CancellationToken, Task<bool>> send, CancellationToken cancellationToken)
    {
        var recorders = Enumerable.Range(0, concurrency).Select(_ => new LatencyRecorder()).ToArray();
        var measureFrom = Stopwatch.GetTimestamp() + ToTimestampTicks(warmup);
        var end = measureFrom + ToTimestampTicks(duration);
        var workers = Task.WhenAll(recorders.Select(recorder =>
            Task.Run(() => WorkAsync(recorder, measureFrom, end, send, cancellationToken), cancellationToken)));
        await Task.Delay(warmup, cancellationToken);
        var before = ProcessCounters.Read();
        await workers;
        var used = ProcessCounters.Read() - before;
        return used.PerRequestOf(LatencyRecorder.Merge(recorders, measureFrom));
    }

    /// <summary>One closed-loop worker: sends, waits for the answer, sends again until the end; records after the warm-up.</summary>
    internal static async Task WorkAsync(
        LatencyRecorder recorder, long measureFrom, long end, Func<CancellationToken, Task<bool>> send, CancellationToken cancellationToken)
    {
        while (Stopwatch.GetTimestamp() is var started && started < end)
        {
            bool succeeded;
            try
            {
                succeeded = await send(cancellationToken);
            }
            catch (HttpRequestException)
            {
                succeeded = false;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                succeeded = false; // the client's own timeout, not the user stopping the run
            }
            var completed = Stopwatch.GetTimestamp();
            if (started >= measureFrom)
            {
                recorder.Record(started, completed, succeeded);
            }
        }
    }

    private static long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
