using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace TacticalRag.AppHost.Identity;

/// <summary>Adds PostgreSQL as a local <c>postgres</c> process, for machines without a container runtime.</summary>
public static class PostgresServerBuilderExtensions
{
    /// <summary>
    /// Runs <c>postgres</c> (found by <see cref="PostgresInstallation"/>) on the port Aspire allocates, on loopback only
    /// and without a Unix socket, over a cluster in <see cref="PostgresDataOptions.DataPath"/> that outlives the AppHost.
    /// Returns the database <paramref name="databaseName"/> on it, created before the server starts listening (the
    /// consumer's migrations create its tables), and shown Running in the dashboard once the server is healthy.
    /// </summary>
    public static IResourceBuilder<PostgresProcessDatabaseResource> AddPostgresServer(
        this IDistributedApplicationBuilder builder, string name, string databaseName)
    {
        var server = PostgresInstallation.FindServer()
            ?? throw new DistributedApplicationException("PostgreSQL is not installed (no postgres on PATH or under /usr/lib/postgresql).");
        var password = builder.AddGeneratedSecret($"{name}-password", minLength: 24);
        var data = PostgresDataOptions.Read(builder);
        var (command, prefix) = PostgresCluster.Launcher(server);

        var postgres = builder.AddResource(new PostgresProcessResource(name, command, builder.AppHostDirectory, password.Resource))
            .WithEndpoint(name: PostgresProcessResource.PrimaryEndpointName, scheme: "tcp");
        var endpoint = postgres.Resource.PrimaryEndpoint;
        // The cluster is made only when the process starts, never while merely modelling (tests, the manifest).
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(postgres.Resource, async (_, cancellationToken) =>
            await PostgresCluster.PrepareAsync(server, data.DataPath, await password.Resource.GetValueAsync(cancellationToken) ?? "", databaseName, cancellationToken));
        postgres.WithArgs(context =>
        {
            foreach (var part in prefix)
            {
                context.Args.Add(part);
            }
            context.Args.Add("-D");
            context.Args.Add(data.DataPath);
            context.Args.Add("-p");
            context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
            context.Args.Add("-h");
            context.Args.Add("127.0.0.1");
            context.Args.Add("-k");
            context.Args.Add("");
        });

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(postgres.Resource, async (_, cancellationToken) =>
            connectionString = await ((IResourceWithConnectionString)postgres.Resource).GetConnectionStringAsync(cancellationToken));
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddCheck(healthCheckKey, new PostgresAcceptingHealthCheck(data.DataPath, () => connectionString));
        postgres.WithHealthCheck(healthCheckKey);

        // The database is ready when its server is: the same check answers for both, and its state follows the server's
        // (nothing runs for it, so without this the dashboard would show it Unknown).
        var database = builder.AddResource(new PostgresProcessDatabaseResource(databaseName, postgres.Resource))
            .WithHealthCheck(healthCheckKey)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [],
            });
        builder.Eventing.Subscribe<ResourceReadyEvent>(postgres.Resource, async (readyEvent, _) =>
            await readyEvent.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database.Resource,
                snapshot => snapshot with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow }));
        return database;
    }
}
