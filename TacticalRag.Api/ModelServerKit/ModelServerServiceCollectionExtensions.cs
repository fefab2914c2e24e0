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
        services.TryAddSingleton<TState>();
        return services.AddModelServerGroup<TState>(name, provider => ModelServerGroup.Single(probe(provider), provider.GetRequiredService<TState>()));
    }

    /// <summary>
    /// Model servers that stand in for one another (<paramref name="group"/>): the background probe loop over its
    /// members and one <c>/health</c> check under <paramref name="name"/>.
    /// </summary>
    /// <typeparam name="TKey">A type of the group's own (its state type): one probe loop per group.</typeparam>
    public static IServiceCollection AddModelServerGroup<TKey>(
        this IServiceCollection services, string name, Func<IServiceProvider, ModelServerGroup> group)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService(provider => new ModelServerHealthMonitor<TKey>(
            group(provider),
            provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ModelServerHealthMonitor<TKey>>>()));
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            name, provider => new ModelServerHealthCheck(group(provider)), failureStatus: null, tags: null));
        return services;
    }
}
