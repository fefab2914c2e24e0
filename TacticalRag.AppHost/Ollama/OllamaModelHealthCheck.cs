using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TacticalRag.AppHost.Ollama;

/// <summary>Healthy only once Ollama's <c>/api/tags</c> lists the configured model: a server without it cannot answer.</summary>
public sealed class OllamaModelHealthCheck(HttpClient http, EndpointReference endpoint, ParameterResource model) : IHealthCheck
{
    public const string HttpClientName = "ollama-model-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var modelName = await model.GetValueAsync(cancellationToken) ?? "";
        try
        {
            var client = new OllamaModelClient(http, new Uri(endpoint.Url));
            return await client.HasModelAsync(modelName, cancellationToken)
                ? HealthCheckResult.Healthy($"{modelName} is present.")
                : HealthCheckResult.Unhealthy($"{modelName} is not pulled yet.");
        }
        catch (HttpRequestException exception)
        {
            return HealthCheckResult.Unhealthy($"Ollama did not list its models: {exception.Message}", exception);
        }
        catch (JsonException exception)
        {
            return HealthCheckResult.Unhealthy("Ollama's /api/tags answer did not parse.", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Ollama did not answer /api/tags in time.", exception);
        }
    }
}
