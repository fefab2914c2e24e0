using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace TacticalRag.AppHost.Redis;

/// <summary>Adds Redis as a local <c>redis-server</c> process, for machines without a container runtime.</summary>
public static class RedisServerBuilderExtensions
{
    /// <summary>
    /// Runs <c>redis-server</c> on the port Aspire allocates, bound to loopback, with the same Redis health check the
    /// container gets, keeping its data in an append-only file in a folder that outlives the AppHost
    /// (<see cref="RedisDurabilityOptions"/>): stop the AppHost, start it again, and the library and conversations are there.
    /// RDB snapshots stay off: the append-only file already holds everything, and one file format to recover from is simpler.
    /// </summary>
    public static IResourceBuilder<RedisServerResource> AddRedisServer(this IDistributedApplicationBuilder builder, string name)
    {
        var redis = builder.AddResource(new RedisServerResource(name, builder.AppHostDirectory))
            .WithEndpoint(name: RedisServerResource.PrimaryEndpointName, scheme: "tcp");
        var endpoint = redis.Resource.PrimaryEndpoint;
        var durability = RedisDurabilityOptions.Read(builder);
        // redis-server will not create its --dir; create it only when the process starts, never while merely modelling.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis.Resource, (_, _) =>
        {
            Directory.CreateDirectory(durability.DataPath);
            return Task.CompletedTask;
        });
        redis.WithArgs(context =>
        {
            context.Args.Add("--port");
            context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
            context.Args.Add("--bind");
            context.Args.Add("127.0.0.1");
            context.Args.Add("--save");
            context.Args.Add("");
            context.Args.Add("--dir");
            context.Args.Add(durability.DataPath);
            foreach (var argument in durability.AppendOnlyArguments())
            {
                context.Args.Add(argument);
            }
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
