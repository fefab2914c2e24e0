namespace TacticalRag.Api.Tests.Infrastructure;

/// <summary>Polls a condition until it holds or the timeout passes; tests wait for states, never for fixed times.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        T last = await probe();
        while (!condition(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}; last value: {last}");
            }
            await Task.Delay(50);
            last = await probe();
        }
        return last;
    }
}
