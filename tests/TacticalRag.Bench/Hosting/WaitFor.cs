namespace TacticalRag.Bench.Hosting;

/// <summary>Polls until a condition holds: the benchmark waits for states (a backend marked down), never fixed times.</summary>
public static class WaitFor
{
    public static async Task ConditionAsync(Func<Task<bool>> condition, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting until {what}.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }
}
