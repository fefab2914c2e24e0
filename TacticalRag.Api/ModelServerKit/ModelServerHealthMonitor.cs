using OpenTelemetry;

namespace TacticalRag.Api.ModelServerKit;

/// <summary>
/// The one probe loop for model servers: probes every configured, enabled member of a <see cref="ModelServerGroup"/>
/// in the background, each at its own interval, so requests skip a server at once while it is down and use it again
/// once it is back; one Information line per change. The first round runs at start-up (the API does not wait for it),
/// then <see cref="ModelServerGroup.AfterFirstProbe"/>.
/// </summary>
/// <typeparam name="TKey">The group's state type: the host keeps one hosted service per implementation type.</typeparam>
internal sealed partial class ModelServerHealthMonitor<TKey>(
    ModelServerGroup group,
    IHttpClientFactory httpClientFactory,
    TimeProvider time,
    ILogger<ModelServerHealthMonitor<TKey>> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var probed = group.Members.Where(m => m.IsProbed).ToArray();
        await Task.WhenAll(probed.Select(member => ProbeAsync(member, stoppingToken)));
        group.AfterFirstProbe?.Invoke();
        await Task.WhenAll(probed.Select(member => KeepProbingAsync(member, stoppingToken)));
    }

    private async Task KeepProbingAsync(ModelServerMember member, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(member.Probe.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await ProbeAsync(member, stoppingToken);
        }
    }

    private async Task ProbeAsync(ModelServerMember member, CancellationToken stoppingToken)
    {
        var probe = member.Probe;
        var problem = await AskAsync(httpClientFactory.CreateClient(probe.HttpClientName), probe, stoppingToken);
        var previous = member.State.Observe(problem, time.GetUtcNow());
        if (problem is null && previous != ModelServerAvailability.Up)
        {
            LogUp(logger, probe.Name, probe.Endpoint!, probe.Model, probe.WhenUp);
        }
        else if (problem is not null && previous != ModelServerAvailability.Down)
        {
            LogDown(logger, probe.Name, probe.Endpoint!, problem.Message, probe.WhenDown);
        }
    }

    /// <summary>One probe: null when the server is ready, else why not.</summary>
    internal static async Task<ProbeProblem?> AskAsync(HttpClient http, ModelServerProbe probe, CancellationToken stoppingToken)
    {
        // A probe every few seconds is not a trace anyone looks for, and a failing one would mark the API red in the
        // dashboard while it works as designed: its outcome is a log line per change, the health check and the metrics.
        using var untraced = SuppressInstrumentationScope.Begin();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(probe.Timeout);
        try
        {
            using var answer = await http.GetAsync(new Uri(probe.Endpoint!, probe.Path), timeout.Token);
            return !answer.IsSuccessStatusCode
                ? ProbeProblem.Answered(probe.Path, answer)
                : probe.Ready is null ? null : await probe.Ready(answer, http, timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return new ProbeProblem(ModelServerFailure.TimedOut, $"no answer to the health probe within {probe.Timeout.TotalSeconds:0.###} s");
        }
        catch (System.Text.Json.JsonException exception)
        {
            return new ProbeProblem(ModelServerFailure.MalformedAnswer, exception.Message, Cause: exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return new ProbeProblem(ModelServerFailure.Unreachable, exception.Message, Cause: exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Server} at {Endpoint} is up ({Model}): {WhenUp}")]
    private static partial void LogUp(ILogger logger, string server, Uri endpoint, string model, string whenUp);

    // Information: a server that is down is a state the product is built for, announced once per change.
    [LoggerMessage(Level = LogLevel.Information, Message = "The {Server} at {Endpoint} is down ({Problem}): {WhenDown} until it is back")]
    private static partial void LogDown(ILogger logger, string server, Uri endpoint, string problem, string whenDown);
}
