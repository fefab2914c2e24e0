namespace TacticalRag.Web.Components.Shared;

/// <summary>
/// Calls <c>refresh</c> every interval until disposed: what keeps a status or a progress bar live. The callback
/// gets a token that is cancelled on disposal; it marshals onto its component's renderer itself.
/// </summary>
public sealed class PeriodicRefresh : IDisposable
{
    private readonly CancellationTokenSource _stopped = new();
    private readonly PeriodicTimer _timer;

    public PeriodicRefresh(TimeSpan interval, Func<CancellationToken, Task> refresh)
    {
        _timer = new PeriodicTimer(interval);
        _ = RunAsync(refresh);
    }

    private async Task RunAsync(Func<CancellationToken, Task> refresh)
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stopped.Token))
            {
                await refresh(_stopped.Token);
            }
        }
        catch (OperationCanceledException) when (_stopped.IsCancellationRequested)
        {
            // Disposed: the component is gone, and its refreshing with it.
        }
    }

    public void Dispose()
    {
        // Cancelled, not disposed: a refresh finishing after this still reads its token.
        _stopped.Cancel();
        _timer.Dispose();
    }
}
