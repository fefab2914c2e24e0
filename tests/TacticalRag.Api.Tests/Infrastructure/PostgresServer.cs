using TacticalRag.TestSupport.Postgres;

namespace TacticalRag.Api.Tests.Infrastructure;

/// <summary>One real PostgreSQL with pgvector for a test collection; each test creates a database of its own.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private PostgresServerProcess? _server;

    private PostgresServerProcess Server => _server ?? throw new InvalidOperationException("PostgreSQL is not started.");

    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync();

    public async Task InitializeAsync() => _server = await PostgresServerProcess.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The tests on the PostgreSQL library engine share one server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
