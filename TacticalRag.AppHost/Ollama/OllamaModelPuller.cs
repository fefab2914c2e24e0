using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TacticalRag.AppHost.Ollama;

/// <summary>
/// Pulls an Ollama server's model in the background once the server answers, publishing the download as the
/// resource's state. It waits for the server's own health check, not for the resource to be healthy: the
/// resource's model health check can only pass after this pull.
/// </summary>
internal sealed class OllamaModelPuller(IOllamaServerResource resource, ParameterResource model, string serverCheckKey)
{
    public const string HttpClientName = "ollama-model-pull";

    private int _running;

    public void StartInBackground(IServiceProvider services)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return; // a pull started by an earlier start of the resource is still under way
        }
        var logger = services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                await RunAsync(services, logger, stopping);
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                // A background task has no caller to throw to: log it where the resource's logs are read.
                logger.LogError(exception, "The model pull stopped unexpectedly.");
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        }, stopping);
    }

    private async Task RunAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        await notifications.WaitForResourceAsync(resource.Name, ServerAnswers, cancellationToken);

        var modelName = await model.GetValueAsync(cancellationToken)
            ?? throw new DistributedApplicationException($"Parameter '{model.Name}' has no value.");
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        var client = new OllamaModelClient(http, new Uri(resource.HttpEndpoint.Url));
        try
        {
            if (await client.HasModelAsync(modelName, cancellationToken))
            {
                logger.LogInformation("Model {Model} is already present.", modelName);
                return;
            }
            logger.LogInformation("Pulling model {Model}.", modelName);
            var progress = new OllamaPullProgress(modelName);
            string? shown = null;
            await client.PullAsync(modelName, progress, async update =>
            {
                if (update.StateText != shown)
                {
                    shown = update.StateText;
                    await PublishStateAsync(notifications, shown, KnownResourceStateStyles.Info);
                }
            }, cancellationToken);
            logger.LogInformation("Model {Model} pulled.", modelName);
            await PublishStateAsync(notifications, KnownResourceStates.Running, KnownResourceStateStyles.Success);
        }
        catch (Exception exception) when (exception is OllamaPullException or HttpRequestException or IOException or JsonException)
        {
            logger.LogError("Pulling model {Model} failed: {Reason}", modelName, exception.Message);
            await PublishStateAsync(notifications, $"Model {modelName} missing: pull failed", KnownResourceStateStyles.Error);
        }
    }

    private bool ServerAnswers(ResourceEvent resourceEvent) =>
        resourceEvent.Snapshot.HealthReports.Any(report => report.Name == serverCheckKey && report.Status == HealthStatus.Healthy);

    private Task PublishStateAsync(ResourceNotificationService notifications, string text, string style) =>
        notifications.PublishUpdateAsync(resource, snapshot => snapshot with { State = new ResourceStateSnapshot(text, style) });
}
