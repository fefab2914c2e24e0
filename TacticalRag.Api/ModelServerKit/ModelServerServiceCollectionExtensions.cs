using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TacticalRag.Api.ModelServerKit;

public static class ModelServerServiceCollectionExtensions
{
    /// <summary>
    /// One optional model server's plumbing: its state (<typeparamref name="TState"/>, a singleton), the background
    /// health probe described by <paramref name="probe"/> and a <c>/health</c> check under its name (Degraded, never
    /// Unhealthy, while a configured server is not up). Harmless when the probe has no endpoint.
    /// </summary>
    public static IServiceCollection AddModelServer<TState>(
        this IServiceCollection services, string name, Func<IServiceProvider, ModelServerProbe> probe)
        where TState : ModelServerState, new()
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TState>();
        services.AddHostedService(provider => new ModelServerHealthMonitor<TState>(
            provider.GetRequiredService<TState>(),
            probe(provider),
            provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ModelServerHealthMonitor<TState>>>()));
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            name, provider => new ModelServerHealthCheck(provider.GetRequiredService<TState>(), probe(provider)), failureStatus: null, tags: null));
        return services;
    }
}
