using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using TacticalRag.AppHost.Identity;

namespace TacticalRag.AppHost.Tests;

/// <summary>
/// The library engine parameter: embedded by default (nothing added), else PostgreSQL with pgvector: its own
/// container server, the database on the accounts' local server, or an external connection string.
/// </summary>
public sealed class LibraryEngineTopologyTests
{
    private const string Postgresql = "--Parameters:library-engine=postgresql";

    [Fact]
    public async Task TheEmbeddedEngineIsTheDefaultAndAddsNoDatabase()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        Assert.False(model.Has("library-postgres"));
        Assert.False(model.Has("library"));
        var api = await model.EnvironmentAsync("api");
        Assert.DoesNotContain("Library__Engine", api.Keys);
        Assert.DoesNotContain("ConnectionStrings__library", api.Keys);
    }

    [Fact]
    public async Task InContainersTheLibraryGetsAPgvectorServerOfItsOwnWithAVolumeAndTheApiWaitsForIt()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, Postgresql);

        var server = model.Resource<ContainerResource>("library-postgres");
        var image = server.Annotations.OfType<ContainerImageAnnotation>().Single();
        Assert.Equal(("pgvector/pgvector", "0.8.0-pg17"), (image.Image, image.Tag));
        Assert.Contains(server.Annotations.OfType<ContainerMountAnnotation>(), mount => mount.Target == "/var/lib/postgresql/data" || mount.Target == "/var/lib/postgresql");
        Assert.NotSame(model.Resource("postgres"), server); // the accounts keep their own server
        var api = await model.EnvironmentAsync("api");
        Assert.Equal("PostgreSQL", api["Library__Engine"]);
        Assert.Equal("{library.connectionString}", api["ConnectionStrings__library"]);
        Assert.Contains("library", model.Resource("api").Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name));
    }

    [Fact]
    public async Task LocallyTheLibraryIsADatabaseOnTheAccountsPostgresAndTheApiWaitsForThatServer()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.LocalInfra, Postgresql);

        var library = model.Resource<PostgresProcessDatabaseResource>("library");
        Assert.Same(model.Resource("postgres"), library.Parent);
        Assert.Equal("{postgres.connectionString};Database=library", library.ConnectionStringExpression.ValueExpression);
        var api = await model.EnvironmentAsync("api");
        Assert.Equal("PostgreSQL", api["Library__Engine"]);
        Assert.Equal("{library.connectionString}", api["ConnectionStrings__library"]);
        Assert.Contains("postgres", model.Resource("api").Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name));
    }

    [Fact]
    public async Task AnExternalConnectionStringReplacesTheServerAndStaysASecret()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, Postgresql,
            "--Parameters:library-connection=Host=db.example.org;Database=library;Username=rag;Password=secret");

        Assert.False(model.Has("library-postgres"));
        Assert.True(model.Resource<ParameterResource>("library-connection").Secret);
        var api = await model.EnvironmentAsync("api");
        Assert.Equal("Host=db.example.org;Database=library;Username=rag;Password=secret", api["ConnectionStrings__library"]);
        Assert.Equal("PostgreSQL", api["Library__Engine"]);
    }

    [Fact]
    public async Task AnUnknownEngineStopsTheAppHostNamingTheParameter()
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, "--Parameters:library-engine=mongodb");
        });

        Assert.NotNull(failure);
        Assert.Contains("Parameter 'library-engine' must be embedded or postgresql, not 'mongodb'", Flatten(failure));
    }

    [Fact]
    public async Task TheManifestCarriesThePinnedPgvectorServerItsVolumeAndTheApisReference()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tacticalrag-manifest-{Guid.NewGuid():N}.json");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TacticalRag_AppHost>(
                ["--publisher", "manifest", "--output-path", path, Postgresql], timeout.Token);
            await using (var app = await builder.BuildAsync(timeout.Token))
            {
                await app.RunAsync(timeout.Token);
            }
            var resources = JsonNode.Parse(await File.ReadAllTextAsync(path, timeout.Token))!["resources"]!;

            var server = resources["library-postgres"]!;
            Assert.Equal("docker.io/pgvector/pgvector:0.8.0-pg17", (string?)server["image"]);
            Assert.NotEmpty(server["volumes"]!.AsArray());
            Assert.Equal("value.v0", (string?)resources["library"]!["type"]);
            var api = resources["api"]!["env"]!;
            Assert.Equal("PostgreSQL", (string?)api["Library__Engine"]);
            Assert.Equal("{library.connectionString}", (string?)api["ConnectionStrings__library"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);
}
