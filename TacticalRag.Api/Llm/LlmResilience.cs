using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;

namespace TacticalRag.Api.Llm;

/// <summary>
/// The HTTP pipeline for calls to model servers. The standard handler's 10 s attempt and 30 s total timeouts would cut
/// answers short, so it is replaced: headers within the first-token bound; the 90 s total is enforced per request by
/// <see cref="BackendFailoverChatClient"/> because it must cover the streamed body too; retries only for failures where
/// the server did no work, and only when the backend is the last one standing (otherwise failing over is faster).
/// </summary>
internal static class LlmResilience
{
    public static IHttpClientBuilder AddLlmResilience(this IHttpClientBuilder http)
    {
        http.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        http.WithoutDefaultResilience();
        // Outermost, so it holds the response the caller gets after any retries, under the caller's token.
        http.AddHttpMessageHandler(() => new AbortOnCancelHandler());
        http.AddResilienceHandler("llm", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value;
            if (options.RetryAttempts > 1)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.RetryAttempts - 1,
                    Delay = options.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = args => ValueTask.FromResult(LlmCallScope.RetriesAllowed && DidNoWork(args.Outcome)),
                });
            }
            pipeline.AddTimeout(options.FirstTokenTimeout);
        });
        return http;
    }

    /// <summary>
    /// A first-byte timeout, a failed attempt or a retry on a model server is the gateway working as designed (it fails over and logs a
    /// fallback warning itself), not an error: Polly would log it at Error with a stack trace on every such request.
    /// </summary>
    public static IServiceCollection LogExpectedLlmEventsAsInformation(this IServiceCollection services) =>
        services.Configure<TelemetryOptions>(telemetry =>
        {
            var previous = telemetry.SeverityProvider;
            telemetry.SeverityProvider = args =>
                args.Source.PipelineName?.StartsWith("llm-", StringComparison.Ordinal) == true
                && args.Event.EventName is "OnTimeout" or "OnRetry" or "ExecutionAttempt"
                    ? ResilienceEventSeverity.Information
                    : previous?.Invoke(args) ?? args.Event.Severity;
        });

    /// <summary>Removes the standard handler the service defaults give every HttpClient.</summary>
    public static IHttpClientBuilder WithoutDefaultResilience(this IHttpClientBuilder http)
    {
#pragma warning disable EXTEXP0001 // The documented way to replace the defaults for one client; no stable alternative exists.
        return http.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }

    /// <summary>
    /// Refused connections, 429 and 502/503 mean the request was never processed: a retry cannot duplicate work. A name
    /// that does not resolve is not retried: it will not resolve a second later, and each lookup can take seconds.
    /// </summary>
    internal static bool DidNoWork(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: { } exception } when NameResolution.Failed(exception) => false,
        { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } } => true,
        { Result.StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable } => true,
        _ => false,
    };
}
