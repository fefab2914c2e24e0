using Microsoft.Extensions.Http.Resilience;

namespace TacticalRag.Web.Api;

public static class LlmApiClientServiceCollectionExtensions
{
    // An answer may wait for the API's own failover (up to 90 s a backend, several backends) before its first
    // byte: the standard 10 s attempt timeout would cut every slow answer short.
    private static readonly TimeSpan s_attemptTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan s_totalTimeout = TimeSpan.FromMinutes(4);

    /// <summary>
    /// Registers <see cref="LlmApiClient"/> against the <c>api</c> service (service discovery), with one resilience
    /// handler sized for streamed answers that never retries a POST: a prompt sent twice is answered twice.
    /// </summary>
    public static IServiceCollection AddLlmApiClient(this IServiceCollection services)
    {
        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001); it is the documented way to replace
        // the handler that ConfigureHttpClientDefaults added.
#pragma warning disable EXTEXP0001
        services.AddHttpClient<LlmApiClient>(client =>
            {
                client.BaseAddress = new("https+http://api");
                // The resilience handler owns timeouts; HttpClient's own 100 s would fire first.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The service defaults gave every client the standard handler; replace it rather than stack a second.
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options =>
            {
                options.AttemptTimeout.Timeout = s_attemptTimeout;
                options.TotalRequestTimeout.Timeout = s_totalTimeout;
                options.CircuitBreaker.SamplingDuration = 2 * s_attemptTimeout; // Polly requires at least twice the attempt timeout.
                options.Retry.DisableForUnsafeHttpMethods();
                // Reads are the status panel's polls; it asks again in a few seconds, so retry briefly.
                options.Retry.MaxRetryAttempts = 2;
                options.Retry.Delay = TimeSpan.FromMilliseconds(250);
            });
#pragma warning restore EXTEXP0001
        return services;
    }
}
