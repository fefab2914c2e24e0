namespace TacticalRag.ModelServerSim;

/// <summary>
/// The rhythm of <see cref="SimFault.Flapping"/>: calls a toggle every interval until stopped. The toggle itself (closing
/// or reopening the listener) belongs to <see cref="ModelServerSimulator"/>, which serialises it with fault changes.
/// </summary>
internal sealed class FlapLoop
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FlapLoop(TimeSpan interval, Func<CancellationToken, Task> toggle)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _loop = RunAsync(interval, toggle, _stop.Token);
    }

    /// <summary>Ends the loop; a toggle that failed (the port taken by another process) surfaces here.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        finally
        {
            _stop.Dispose();
        }
    }

    private static async Task RunAsync(TimeSpan interval, Func<CancellationToken, Task> toggle, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await toggle(stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped by a fault change or disposal: the normal end.
        }
    }
}
