using OpenTelemetry;

namespace TacticalRag.Api.ModelServerKit;

/// <summary>
/// Probes one optional model server in the background (<see cref="ModelServerProbe"/>), so requests skip it at once
/// while it is down and use it again once it is back; one Information line per change. Without a configured server it
/// does nothing.
/// </summary>
/// <typeparam name="TState">The server's state type: one monitor type per server, as the host keeps one hosted service per type.</typeparam>
internal sealed partial class ModelServerHealthMonitor<TState>(
    TState state,
    ModelServerProbe probe,
    IHttpClientFactory httpClientFactory,
    TimeProvider time,
    ILogger<ModelServerHealthMonitor<TState>> logger) : BackgroundService
    where TState : ModelServerState
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!probe.IsConfigured)
        {
            return;
        }

        var http = httpClientFactory.CreateClient(probe.HttpClientName);
        await ProbeAsync(http, stoppingToken);
        using var timer = new PeriodicTimer(probe.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await ProbeAsync(http, stoppingToken);
        }
    }

    private async Task ProbeAsync(HttpClient http, CancellationToken stoppingToken)
    {
        // Its outcome is a log line per change and the health check, not a trace every few seconds.
        using var untraced = SuppressInstrumentationScope.Begin();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(probe.Timeout);
        string? problem;
        try
        {
            using var answer = await http.GetAsync(new Uri(probe.Endpoint!, probe.Path), timeout.Token);
            problem = !answer.IsSuccessStatusCode
                ? $"GET {probe.Path} answered {(int)answer.StatusCode}"
                : probe.Probe is null ? null : await probe.Probe(answer, timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            problem = $"no answer to the health probe within {probe.Timeout.TotalSeconds:0.###} s";
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or System.Text.Json.JsonException)
        {
            problem = exception.Message;
        }

        var previous = problem is null ? state.MarkUp(time.GetUtcNow()) : state.MarkDown(problem, time.GetUtcNow());
        if (problem is null && previous != ModelServerAvailability.Up)
        {
            LogUp(logger, probe.Name, probe.Endpoint!, probe.Model, probe.WhenUp);
        }
        else if (problem is not null && previous != ModelServerAvailability.Down)
        {
            LogDown(logger, probe.Name, probe.Endpoint!, problem, probe.WhenDown);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Server} at {Endpoint} is up ({Model}): {WhenUp}")]
    private static partial void LogUp(ILogger logger, string server, Uri endpoint, string model, string whenUp);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Server} at {Endpoint} is down ({Problem}): {WhenDown} until it is back")]
    private static partial void LogDown(ILogger logger, string server, Uri endpoint, string problem, string whenDown);
}
