using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using TacticalRag.AppHost.Identity;
using TacticalRag.AppHost.Topology;

namespace TacticalRag.AppHost.Library;

/// <summary>
/// The library engine (parameter <c>library-engine</c>): <c>embedded</c> (the default: each API replica's in-memory
/// index over Redis) or <c>postgresql</c>, where the library lives in a PostgreSQL database with pgvector:
/// <list type="bullet">
/// <item>the external database at <c>library-connection</c> (secret; Azure Database for PostgreSQL, RDS, a Patroni
/// cluster) when set;</item>
/// <item>else in containers a server of its own (the pinned <c>pgvector/pgvector</c> image, data volume), separate
/// from the accounts' server: the library's load (HNSW builds, searches, large memory) must not slow sign-in, and it
/// is sized, tuned, replicated and backed up on its own;</item>
/// <item>else locally a <c>library</c> database on the accounts' local <c>postgres</c> (one server on a
/// developer's machine; pgvector built into Debian's PostgreSQL by eng/install-pgvector.sh).</item>
/// </list>
/// </summary>
public static class LibraryEngineBuilderExtensions
{
    public const string EngineParameter = "library-engine";
    public const string ConnectionParameter = "library-connection";
    public const string DatabaseName = "library";
    public const string ServerName = "library-postgres";

    /// <summary>The library's database, or null for the embedded engine.</summary>
    public static LibraryDatabase? AddLibraryDatabase(this TopologyPlan topology, IDistributedApplicationBuilder builder, ServiceDependency? identity)
    {
        var engine = builder.Configuration[$"Parameters:{EngineParameter}"];
        if (string.IsNullOrWhiteSpace(engine) || engine.Equals("embedded", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (!engine.Equals("postgresql", StringComparison.OrdinalIgnoreCase))
        {
            throw new DistributedApplicationException($"Parameter '{EngineParameter}' must be embedded or postgresql, not '{engine}'.");
        }
        if (builder.AddOptionalSecretParameter(ConnectionParameter) is { } external)
        {
            topology.Record($"The library is in the external PostgreSQL at the connection string '{ConnectionParameter}'.");
            return new LibraryDatabase(external, null);
        }
        if (topology.Mode.UsesContainers)
        {
            var database = builder.AddPostgres(ServerName)
                .WithImage(ContainerImageTags.PgvectorImage, ContainerImageTags.PgvectorTag)
                .WithImageRegistry(ContainerImageTags.Registry)
                .WithDataVolume()
                .AddDatabase(DatabaseName);
            return new LibraryDatabase(null, database);
        }
        if (identity?.Resource is not PostgresProcessDatabaseResource accounts)
        {
            throw new DistributedApplicationException(
                $"{EngineParameter}=postgresql needs PostgreSQL: no container runtime and no local postgres; install postgresql, or set '{ConnectionParameter}'.");
        }
        if (!PgvectorInstallation.IsInstalledBeside(PostgresInstallation.FindServer()))
        {
            throw new DistributedApplicationException(
                $"{EngineParameter}=postgresql: the local PostgreSQL has no pgvector extension; run eng/install-pgvector.sh (it builds Debian's package), or set '{ConnectionParameter}'.");
        }
        topology.Record($"The library is the database '{DatabaseName}' on the local PostgreSQL that also holds the accounts.");
        var local = builder.AddResource(new PostgresProcessDatabaseResource(DatabaseName, accounts.Parent));
        return new LibraryDatabase(null, local, accounts.Parent);
    }

    /// <summary>Points the API at the library's database (Library__Engine, ConnectionStrings__library) and waits for it.</summary>
    public static IResourceBuilder<ProjectResource> WithLibraryDatabase(this IResourceBuilder<ProjectResource> api, LibraryDatabase? library)
    {
        if (library is null)
        {
            return api;
        }
        api.WithEnvironment("Library__Engine", "PostgreSQL");
        if (library.External is { } external)
        {
            return api.WithEnvironment($"ConnectionStrings__{DatabaseName}", external);
        }
        api.WithReference(library.Database!, DatabaseName);
        // A local database is nothing that runs: its server being healthy is what counts.
        return library.LocalServer is { } server
            ? api.WaitFor(api.ApplicationBuilder.CreateResourceBuilder(server))
            : api.WaitFor(library.Database!);
    }
}

/// <summary>The library's database: an external connection string, or a database resource (with its local server).</summary>
public sealed record LibraryDatabase(
    IResourceBuilder<ParameterResource>? External,
    IResourceBuilder<IResourceWithConnectionString>? Database,
    PostgresProcessResource? LocalServer = null);
