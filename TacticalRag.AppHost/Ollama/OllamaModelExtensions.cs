using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TacticalRag.AppHost.Ollama;

/// <summary>Makes an Ollama server hold a model: pulled once the server is up, with progress in the dashboard.</summary>
public static class OllamaModelExtensions
{
    /// <summary>
    /// Once the server's own health check passes, pulls <paramref name="model"/> unless it is already present,
    /// showing "Pulling llama3.1:8b 42%" as the resource's state, and adds a health check that is Healthy only
    /// once <c>/api/tags</c> lists the model.
    /// </summary>
    public static IResourceBuilder<T> WithModel<T>(this IResourceBuilder<T> builder, IResourceBuilder<ParameterResource> model)
        where T : IOllamaServerResource
    {
        var resource = builder.Resource;
        var serverCheckKey = resource.Annotations.OfType<HealthCheckAnnotation>().LastOrDefault()?.Key
            ?? throw new InvalidOperationException($"'{resource.Name}' needs its server health check before WithModel.");
        var modelCheckKey = $"{resource.Name}_model_check";

        var services = builder.ApplicationBuilder.Services;
        services.AddHttpClient(OllamaModelPuller.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHttpClient(OllamaModelHealthCheck.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            modelCheckKey,
            provider => new OllamaModelHealthCheck(
                provider.GetRequiredService<IHttpClientFactory>().CreateClient(OllamaModelHealthCheck.HttpClientName),
                resource.HttpEndpoint,
                model.Resource),
            failureStatus: null,
            tags: null));

        var puller = new OllamaModelPuller(resource, model.Resource, serverCheckKey);
        builder.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, (startedEvent, _) =>
        {
            puller.StartInBackground(startedEvent.Services);
            return Task.CompletedTask;
        });

        return builder
            .WithAnnotation(new OllamaModelAnnotation(model.Resource))
            .WithHealthCheck(modelCheckKey);
    }
}
