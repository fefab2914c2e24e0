using System.Net;

namespace TacticalRag.Bench.Hosting;

/// <summary>The benchmark's own HTTP clients: one connection per concurrent worker, kept open across the run.</summary>
public static class LoopbackHttp
{
    public static HttpClient Create(Uri baseAddress, int concurrency, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            UseCookies = false,
        };
        return new HttpClient(handler)
        {
            BaseAddress = baseAddress,
            // Longer than the gateway's 90 s total, so a client timeout can never hide what the gateway does.
            Timeout = timeout ?? TimeSpan.FromSeconds(120),
        };
    }
}
