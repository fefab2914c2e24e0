using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace TacticalRag.AppHost.Redis;

/// <summary>Adds Redis as a local <c>redis-server</c> process, for machines without a container runtime.</summary>
public static class RedisServerBuilderExtensions
{
    /// <summary>
    /// Runs <c>redis-server</c> on the port Aspire allocates, bound to loopback, without persistence (a local run
    /// starts clean), with the same Redis health check the container gets.
    /// </summary>
    public static IResourceBuilder<RedisServerResource> AddRedisServer(this IDistributedApplicationBuilder builder, string name)
    {
        var redis = builder.AddResource(new RedisServerResource(name, builder.AppHostDirectory))
            .WithEndpoint(name: RedisServerResource.PrimaryEndpointName, scheme: "tcp");
        var endpoint = redis.Resource.PrimaryEndpoint;
        redis.WithArgs(context =>
        {
            context.Args.Add("--port");
            context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
            context.Args.Add("--bind");
            context.Args.Add("127.0.0.1");
            context.Args.Add("--save");
            context.Args.Add("");
            context.Args.Add("--appendonly");
            context.Args.Add("no");
        });

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(redis.Resource, async (_, cancellationToken) =>
            connectionString = await ((IResourceWithConnectionString)redis.Resource).GetConnectionStringAsync(cancellationToken));
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis(
            _ => connectionString ?? throw new InvalidOperationException($"The connection string of '{name}' is not available yet."),
            healthCheckKey);
        return redis.WithHealthCheck(healthCheckKey);
    }
}
