namespace TacticalRag.ModelServerSim;

/// <summary>
/// Every wait in a request (hangs, slow first tokens, token pacing) ends when the client goes away or the server
/// stops, so a hung request never outlives the simulator; hangs also end when the fault changes.
/// </summary>
internal static class SimDelay
{
    /// <returns>False when the wait was cut short; the connection has then been aborted and the caller must stop.</returns>
    public static Task<bool> WaitAsync(HttpContext context, TimeSpan delay) => WaitAsync(context, delay, CancellationToken.None);

    /// <summary>
    /// Never answers; the connection is aborted when the client leaves, the server stops or the fault changes, so
    /// a request hung by one fault does not hang on forever under the next.
    /// </summary>
    public static Task HangAsync(HttpContext context, CancellationToken faultChanged) =>
        WaitAsync(context, Timeout.InfiniteTimeSpan, faultChanged);

    private static async Task<bool> WaitAsync(HttpContext context, TimeSpan delay, CancellationToken faultChanged)
    {
        if (delay != Timeout.InfiniteTimeSpan && delay <= TimeSpan.Zero)
        {
            return true;
        }

        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping, faultChanged);
        try
        {
            await Task.Delay(delay, wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return false;
        }
    }

    /// <summary>
    /// Aborting discards output the transport has not sent yet; a short pause first lets the tokens already flushed
    /// reach the client, so a cut stream really delivers the tokens it promised.
    /// </summary>
    public static async Task AbortAfterFlushAsync(HttpContext context)
    {
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await WaitAsync(context, TimeSpan.FromMilliseconds(100));
        context.Abort();
    }
}
