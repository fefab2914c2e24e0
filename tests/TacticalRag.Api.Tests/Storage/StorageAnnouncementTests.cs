using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Storage;
using TacticalRag.Api.Tests.Security;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>
/// The line an operator reads at start says where the library lives: PostgreSQL (server and database, the read
/// replica, where caches go; never the password), Redis, or the local folder.
/// </summary>
public sealed class StorageAnnouncementTests : IDisposable
{
    private readonly DirectoryInfo _contentRoot = Directory.CreateTempSubdirectory("trag-content-");

    public void Dispose() => _contentRoot.Delete(recursive: true);

    [Fact]
    public async Task OnThePostgreSqlEngineTheAnnouncementNamesTheServerAndDatabaseAndNeverThePassword()
    {
        var line = await AnnouncementAsync(new Dictionary<string, string?>
        {
            ["Library:Engine"] = "PostgreSQL",
            ["ConnectionStrings:library"] = "Host=db.example.internal;Port=5433;Database=library;Username=rag;Password=s3cret-pw",
            ["Library:ReadConnection"] = "Host=replica.example.internal;Database=library;Username=rag;Password=s3cret-pw",
        });

        Assert.Contains("PostgreSQL at db.example.internal:5433/library holds the library and conversations", line);
        Assert.Contains("searches read from replica.example.internal:5432/library", line);
        Assert.Contains("caches in memory", line);
        Assert.DoesNotContain("s3cret-pw", line);
        Assert.DoesNotContain("local folder", line);
    }

    [Fact]
    public async Task OnThePostgreSqlEngineWithoutAReadReplicaSearchesReadFromTheSameServer()
    {
        var line = await AnnouncementAsync(new Dictionary<string, string?>
        {
            ["Library:Engine"] = "PostgreSQL",
            ["ConnectionStrings:library"] = "Host=127.0.0.1;Database=rag;Username=postgres",
        });

        Assert.Contains("PostgreSQL at 127.0.0.1:5432/rag", line);
        Assert.Contains("searches read from the same server", line);
    }

    [Fact]
    public async Task OnTheEmbeddedEngineWithoutRedisTheAnnouncementNamesTheDataFolder()
    {
        var line = await AnnouncementAsync(new Dictionary<string, string?>());

        Assert.Contains($"kept in the local folder {Path.Combine(_contentRoot.FullName, "data")}", line);
        Assert.DoesNotContain("PostgreSQL", line);
    }

    private async Task<string> AnnouncementAsync(Dictionary<string, string?> settings)
    {
        var logs = new CapturedLogs(LogLevel.Information);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot.FullName });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.AddStorage();
        builder.Services.AddEmbeddings(); // the PostgreSQL engine sizes its vectors by the model
        using var host = builder.Build();

        // Only the announcement starts: it reads settings and connects to nothing.
        var announcement = host.Services.GetServices<IHostedService>().OfType<StorageAnnouncement>().Single();
        await announcement.StartAsync(CancellationToken.None);

        return Assert.Single(logs.Lines, l => l.Contains("Storage:", StringComparison.Ordinal));
    }
}
