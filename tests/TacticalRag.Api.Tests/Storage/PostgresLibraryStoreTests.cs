using Npgsql;
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

    /// <summary>
    /// A database made before documents had languages (the schema up to migration 2, documents already stored)
    /// upgrades when the API starts: its documents keep everything and have no languages; languages stored after stay.
    /// </summary>
    [Fact]
    public async Task ADatabaseFromBeforeDocumentLanguagesUpgradesAndItsDocumentsHaveNone()
    {
        var (old, recent) = (LibrarySamples.NewId(), LibrarySamples.NewId());
        await Store.TryAddDocumentAsync(LibrarySamples.Document(old, chunks: 2), LibrarySamples.Chunks(old, 2), CancellationToken.None);
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var downgrade = new NpgsqlCommand(
                "alter table documents drop column languages; delete from library_migrations where version > 2", connection);
            await downgrade.ExecuteNonQueryAsync();
        }

        var upgraded = await OpenStoreAsync();

        Assert.Equal(LibrarySamples.Document(old, chunks: 2), await upgraded.GetDocumentAsync(old, CancellationToken.None));
        Assert.Null((await upgraded.GetDocumentAsync(old, CancellationToken.None))!.Languages);
        var document = LibrarySamples.Document(recent, chunks: 2) with { Languages = ["th", "en"] };
        Assert.True(await upgraded.TryAddDocumentAsync(document, LibrarySamples.Chunks(recent, 2), CancellationToken.None));
        Assert.Equal(["th", "en"], (await (await OpenStoreAsync()).GetDocumentAsync(recent, CancellationToken.None))!.Languages);
    }

    public override async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}
