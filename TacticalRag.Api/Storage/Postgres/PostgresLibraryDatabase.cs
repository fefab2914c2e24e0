using Npgsql;
using Pgvector.Npgsql;

namespace TacticalRag.Api.Storage.Postgres;

/// <summary>
/// The library's PostgreSQL database: a pooled data source for writes (and reads that must see them), another for
/// searches (a read replica when <c>Library:ReadConnection</c> is set, else the same), and the schema, brought up to
/// date once per process before first use (<see cref="PostgresSchema"/>; a failed attempt is tried again on the next use).
/// </summary>
internal sealed class PostgresLibraryDatabase : IAsyncDisposable
{
    private readonly PostgresSchema _schema;
    private readonly Lock _lock = new();
    private Task? _ready;

    public PostgresLibraryDatabase(string connectionString, string? readConnectionString, int dimensions)
    {
        Primary = Build(connectionString);
        Reads = string.IsNullOrWhiteSpace(readConnectionString) ? Primary : Build(readConnectionString);
        Dimensions = dimensions;
        _schema = new PostgresSchema(Primary, connectionString, dimensions);
    }

    public NpgsqlDataSource Primary { get; }

    public NpgsqlDataSource Reads { get; }

    public int Dimensions { get; }

    /// <summary>Completes once the schema is up to date (migrating it on the first call of this process).</summary>
    public Task ReadyAsync(CancellationToken cancellationToken)
    {
        Task ready;
        lock (_lock)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = _schema.MigrateAsync(CancellationToken.None);
            }
            ready = _ready;
        }
        return ready.WaitAsync(cancellationToken);
    }

    /// <summary>An open connection to the primary, the schema ready.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        return await Primary.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>An open connection for searches (the read replica where one is configured), the schema ready.</summary>
    public async Task<NpgsqlConnection> OpenForSearchAsync(CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        return await Reads.OpenConnectionAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Primary.DisposeAsync();
        if (!ReferenceEquals(Reads, Primary))
        {
            await Reads.DisposeAsync();
        }
    }

    /// <summary>Host, port and database of a connection string: what an operator needs to know, and nothing secret.</summary>
    public static string Describe(string? connectionString)
    {
        var parsed = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{parsed.Host}:{parsed.Port}/{parsed.Database}";
    }

    private static NpgsqlDataSource Build(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // Searches are short queries whose cost estimates can still pass JIT's threshold: compiling them took 3 s
        // of a 3.5 s keyword search (EXPLAIN ANALYZE, 243 chunks). No query of the library gains from JIT.
        builder.ConnectionStringBuilder.Options = $"{builder.ConnectionStringBuilder.Options} -c jit=off".Trim();
        builder.UseVector();
        return builder.Build();
    }
}
