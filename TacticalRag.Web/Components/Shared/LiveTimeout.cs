namespace TacticalRag.Web.Components.Shared;

/// <summary>Bounds one poll of a live view: a request that hangs must not hold up the next refresh.</summary>
public static class LiveTimeout
{
    public static readonly TimeSpan Request = TimeSpan.FromSeconds(4);

    public static CancellationTokenSource Start(CancellationToken stopping)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(Request);
        return timeout;
    }

    public static string Describe() => $"no answer within {Request.TotalSeconds:0} s";
}
