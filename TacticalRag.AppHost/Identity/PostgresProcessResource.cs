using Aspire.Hosting.ApplicationModel;

namespace TacticalRag.AppHost.Identity;

/// <summary>
/// A local PostgreSQL server process standing in for the container. When the AppHost runs as root the command is
/// <c>setpriv</c>, which drops to the <c>postgres</c> user and then runs the server (PostgreSQL refuses to run as root).
/// </summary>
public sealed class PostgresProcessResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";

    /// <summary>The superuser initdb creates; its password is <see cref="PasswordParameter"/>.</summary>
    public const string UserName = "postgres";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create(
            $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");
}

/// <summary>
/// A database on the local server, named like the resource: created in the cluster before the server starts
/// (<see cref="PostgresCluster"/>); the web front end's migrations create its tables.
/// </summary>
public sealed class PostgresProcessDatabaseResource(string name, PostgresProcessResource server)
    : Resource(name), IResourceWithParent<PostgresProcessResource>, IResourceWithConnectionString
{
    public PostgresProcessResource Parent => server;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={Name}");
}
