using TacticalRag.Api.Library;
using TacticalRag.Api.Storage.Postgres;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>The library contract on the PostgreSQL engine: a real server with pgvector, a database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLibraryStoreTests(PostgresServer postgres) : LibraryStoreContract
{
    private readonly List<PostgresLibraryDatabase> _databases = [];
    private string? _connectionString;

    protected override async Task<ILibraryStore> OpenStoreAsync()
    {
        // A new data source per store, as a restarted replica would have.
        _connectionString ??= await postgres.CreateDatabaseAsync();
        var database = new PostgresLibraryDatabase(_connectionString, null, 384);
        _databases.Add(database);
        return new PostgresLibraryStore(database);
    }

    protected override int SampleDimensions => 384;

    /// <summary>
    /// pgvector refuses NaN and infinity (an embedding never holds either); every other awkward value must come back
    /// bit for bit: negative zero, the smallest subnormal, the extremes.
    /// </summary>
    protected override float[] AwkwardVector() =>
        [-0f, float.Epsilon, float.MaxValue, float.MinValue, 1f / 3f, 0.1f, .. LibrarySamples.Vector(3, 378)];

    public override async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}
