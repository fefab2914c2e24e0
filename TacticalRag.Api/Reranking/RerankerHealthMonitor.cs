using Microsoft.Extensions.Options;
using OpenTelemetry;
using TacticalRag.Api.Llm;

namespace TacticalRag.Api.Reranking;

/// <summary>
/// Probes the reranker's <c>GET /health</c> in the background (both TEI and vLLM answer 200 once the model is loaded),
/// so searches skip it at once while it is down and use it again once it is back. Without a configured reranker it
/// does nothing.
/// </summary>
internal sealed partial class RerankerHealthMonitor(
    RerankerState state,
    IHttpClientFactory httpClientFactory,
    IOptions<RerankerOptions> options,
    TimeProvider time,
    ILogger<RerankerHealthMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return;
        }

        var http = httpClientFactory.CreateClient(RerankerClient.HttpClientName);
        await ProbeAsync(http, settings, stoppingToken);
        using var timer = new PeriodicTimer(settings.HealthProbeInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await ProbeAsync(http, settings, stoppingToken);
        }
    }

    private async Task ProbeAsync(HttpClient http, RerankerOptions settings, CancellationToken stoppingToken)
    {
        // Its outcome is the rerank.up metric and a log line per change, not a trace every few seconds.
        using var untraced = SuppressInstrumentationScope.Begin();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(settings.HealthProbeTimeout);
        string? problem = null;
        try
        {
            using var health = await http.GetAsync(new Uri(settings.Endpoint!, "/health"), timeout.Token);
            if (!health.IsSuccessStatusCode)
            {
                problem = $"GET /health answered {(int)health.StatusCode}";
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            problem = $"no answer to the health probe within {settings.HealthProbeTimeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException exception)
        {
            problem = exception.Message;
        }

        var previous = problem is null ? state.MarkUp(time.GetUtcNow()) : state.MarkDown(problem, time.GetUtcNow());
        if (problem is null && previous != BackendAvailability.Up)
        {
            LogUp(logger, settings.Endpoint!, settings.Model);
        }
        else if (problem is not null && previous != BackendAvailability.Down)
        {
            LogDown(logger, settings.Endpoint!, problem);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reranker at {Endpoint} is up ({Model}): searches are reranked")]
    private static partial void LogUp(ILogger logger, Uri endpoint, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reranker at {Endpoint} is down ({Problem}): searches rank by fusion until it is back")]
    private static partial void LogDown(ILogger logger, Uri endpoint, string problem);
}
