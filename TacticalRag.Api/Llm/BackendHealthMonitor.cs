using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenTelemetry;

namespace TacticalRag.Api.Llm;

/// <summary>
/// Probes every enabled backend in the background so requests skip one that is down and return to it once it is
/// back. Its first round replaces the original system's "Hello" at start-up: the API does not wait for it.
/// </summary>
internal sealed partial class BackendHealthMonitor(
    LlmBackendRegistry registry,
    IHttpClientFactory httpClientFactory,
    IOptions<LlmOptions> options,
    TimeProvider time,
    ILogger<BackendHealthMonitor> logger) : BackgroundService
{
    public const string ProbeHttpClient = "llm-probe";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var http = httpClientFactory.CreateClient(ProbeHttpClient);
        await ProbeAllAsync(http, settings, stoppingToken);
        LogReady();
        using var timer = new PeriodicTimer(settings.HealthProbeInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await ProbeAllAsync(http, settings, stoppingToken);
        }
    }

    private async Task ProbeAllAsync(HttpClient http, LlmOptions settings, CancellationToken stoppingToken)
    {
        // A probe every few seconds is not a trace anyone looks for, and a failing one would mark the API red in
        // the dashboard while it is working as designed: its outcome is the backend.up metric and a log line per change.
        using var untraced = SuppressInstrumentationScope.Begin();
        await Task.WhenAll(registry.Enabled.Select(backend => ProbeAsync(http, backend, settings, stoppingToken)));
    }

    private async Task ProbeAsync(HttpClient http, LlmBackend backend, LlmOptions settings, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(settings.HealthProbeTimeout);
        string? problem;
        FailureReason reason = FailureReason.ServerError;
        try
        {
            var apiKey = backend.Name == LlmBackend.Vllm ? settings.VllmApiKey : null;
            problem = await BackendProbe.ProbeAsync(http, backend, apiKey, timeout.Token);
            reason = problem?.Contains("model", StringComparison.Ordinal) == true ? FailureReason.ModelMissing : reason;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            (problem, reason) = ($"no answer to the health probe within {settings.HealthProbeTimeout.TotalSeconds:0.###} s", FailureReason.FirstTokenTimeout);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException)
        {
            problem = exception.Message;
            reason = FailureReasons.TryClassify(exception, out var classified) ? classified : FailureReason.ConnectionFailed;
        }

        var previous = problem is null
            ? backend.State.MarkUp(time.GetUtcNow())
            : backend.State.MarkDown(reason, problem, time.GetUtcNow());
        var now = backend.State.Current.Availability;
        if (previous != now)
        {
            if (now == BackendAvailability.Up) LogUp(logger, backend.Name, backend.Model);
            else LogDown(logger, backend.Name, problem ?? "");
        }
    }

    private void LogReady()
    {
        var active = registry.Active;
        if (registry.Preferred is null)
        {
            LogNoneConfigured(logger, string.Join(", ", registry.All.Where(b => !b.Configured).Select(b => b.Name)));
        }
        else if (active is null)
        {
            LogNoneReady(logger, string.Join("; ", registry.Enabled.Select(b => $"{b.Name}: {b.State.Current.LastError}")));
        }
        else if (active == registry.Preferred)
        {
            LogReadyPreferred(logger, active.Name, active.Model);
        }
        else
        {
            LogReadyFallback(logger, active.Name, registry.Preferred!.Name, registry.Preferred.State.Current.LastError ?? "down");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM ready ({Backend}), model {Model}")]
    private static partial void LogReadyPreferred(ILogger logger, string backend, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM ready ({Backend}, fallback: {Preferred} is down: {Reason})")]
    private static partial void LogReadyFallback(ILogger logger, string backend, string preferred, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "No model server to answer with (not configured: {Backends}); answers are retrieval-only by design")]
    private static partial void LogNoneConfigured(ILogger logger, string backends);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No LLM backend is up yet ({Details}); answering retrieval-only until one is")]
    private static partial void LogNoneReady(ILogger logger, string details);

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM backend {Backend} is up, model {Model}")]
    private static partial void LogUp(ILogger logger, string backend, string model);

    // Information: a backend that is down is a state the gateway is built for, announced once per change.
    [LoggerMessage(Level = LogLevel.Information, Message = "LLM backend {Backend} is down: {Problem}")]
    private static partial void LogDown(ILogger logger, string backend, string problem);
}
