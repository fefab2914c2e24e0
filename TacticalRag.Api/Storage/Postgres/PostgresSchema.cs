using Npgsql;

namespace TacticalRag.Api.Storage.Postgres;

/// <summary>
/// The library's tables, created and upgraded at start: numbered migrations, each applied once in order inside one
/// transaction under an advisory lock, so replicas starting together neither race nor apply one twice. The vector
/// column is typed with the embedding model's dimensions; a model of another size re-types it (its vectors are being
/// re-made anyway).
/// </summary>
internal sealed class PostgresSchema(NpgsqlDataSource dataSource, string connectionString, int dimensions)
{
    private const long LockKey = 0x7472_6167_6c69_62; // "traglib"

    private static readonly string[] s_migrations =
    [
        """
        create table library_state (
            id int primary key check (id = 1),
            version bigint not null default 0,
            embedding_model text);
        insert into library_state (id) values (1);

        create table documents (
            id text primary key,
            title text not null,
            file_name text not null,
            content_type text not null,
            bytes bigint not null,
            content_hash text not null,
            chunks int not null,
            ingested_utc timestamptz not null,
            status text not null,
            progress double precision not null,
            error text,
            embedding_model text);
        create index documents_newest on documents (ingested_utc desc, id);
        create index documents_indexing on documents (id) where status = 'indexing';

        create table chunks (
            id text primary key,
            document_id text not null references documents (id) on delete cascade,
            ordinal int not null,
            text text not null,
            section text,
            page int,
            tokens int not null,
            language text,
            text_search regconfig not null,
            lexemes tsvector not null,
            embedding vector({dimensions}));
        create index chunks_document on chunks (document_id, ordinal);
        create index chunks_lexemes on chunks using gin (lexemes);
        create index chunks_embedding on chunks using hnsw (embedding vector_cosine_ops) with (m = 16, ef_construction = 64);
        create index chunks_unembedded on chunks (id) where embedding is null;

        -- The text-search configurations chunks use: a query is analysed with each.
        create table library_text_configs (config regconfig primary key);

        create table conversations (
            id text primary key,
            owner text,
            body jsonb not null,
            updated_utc timestamptz not null,
            expires_utc timestamptz not null);
        create index conversations_expiry on conversations (expires_utc);
        create index conversations_owner on conversations (owner, updated_utc desc);

        -- A query's terms as one OR query: its words analysed with every configuration in use, plus terms the API
        -- analysed itself (scripts PostgreSQL cannot split), each quoted as tsquery syntax wants.
        create function library_terms(configs regconfig[], query text, extra text) returns tsquery
        language sql stable parallel safe as $fn$
            select nullif(string_agg(distinct '''' || replace(replace(t.lexeme, '\', '\\'), '''', '''''') || '''', ' | '), '')::tsquery
            from (
                select unnest(tsvector_to_array(to_tsvector(c, query))) from unnest(configs) as c
                union
                select unnest(tsvector_to_array(to_tsvector('simple'::regconfig, coalesce(extra, ''))))
            ) as t(lexeme)
        $fn$;
        """,
        """
        -- BM25 as the embedded engine scores keywords: per-chunk term counts, per-term chunk frequencies, library totals.
        alter table chunks add column term_count int not null default 0;
        update chunks c set term_count = coalesce((select sum(coalesce(array_length(u.positions, 1), 1)) from unnest(c.lexemes) u), 0);
        create table library_term_stats (term text primary key, df bigint not null);
        insert into library_term_stats (term, df) select u.lexeme, count(*) from chunks c, unnest(c.lexemes) u group by u.lexeme;
        alter table library_state add column chunk_count bigint not null default 0, add column term_total bigint not null default 0;
        update library_state set chunk_count = (select count(*) from chunks), term_total = (select coalesce(sum(term_count), 0) from chunks);

        -- Adds (sign 1) or removes (sign -1) a document's chunks from the statistics; terms locked in order.
        create function library_count_terms(doc text, sign int) returns void language sql as $fn$
            update chunks c set term_count = coalesce((select sum(coalesce(array_length(u.positions, 1), 1)) from unnest(c.lexemes) u), 0)
            where c.document_id = doc and sign > 0;
            insert into library_term_stats (term, df)
            select u.lexeme, sign * count(*) from chunks c, unnest(c.lexemes) u where c.document_id = doc group by u.lexeme order by u.lexeme
            on conflict (term) do update set df = library_term_stats.df + excluded.df;
            update library_state set
                chunk_count = chunk_count + sign * (select count(*) from chunks where document_id = doc),
                term_total = term_total + sign * (select coalesce(sum(term_count), 0) from chunks where document_id = doc);
        $fn$;

        -- A query's lexemes: its words analysed with every configuration in use, plus terms the API analysed itself.
        create function library_query_lexemes(configs regconfig[], query text, extra text) returns setof text
        language sql stable parallel safe as $fn$
            select unnest(tsvector_to_array(to_tsvector(c, query))) from unnest(configs) as c
            union
            select unnest(tsvector_to_array(to_tsvector('simple'::regconfig, coalesce(extra, ''))))
        $fn$;
        """,
        """
        -- The languages a document's chunks were detected in, most chunks first; null for documents stored before.
        alter table documents add column if not exists languages text[];
        """,
    ];

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenCreatingDatabaseAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await ExecuteAsync(connection, $"select pg_advisory_xact_lock({LockKey})", cancellationToken);
            await ExecuteAsync(connection, """
                create extension if not exists vector;
                create table if not exists library_migrations (version int primary key, applied_utc timestamptz not null default now());
                """, cancellationToken);
            await using (var applied = new NpgsqlCommand("select coalesce(max(version), 0) from library_migrations", connection))
            {
                var current = (int)(await applied.ExecuteScalarAsync(cancellationToken))!;
                for (var version = current + 1; version <= s_migrations.Length; version++)
                {
                    await ExecuteAsync(connection, s_migrations[version - 1].Replace("{dimensions}", dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
                    await ExecuteAsync(connection, $"insert into library_migrations (version) values ({version})", cancellationToken);
                }
            }
            await MatchVectorSizeAsync(connection, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        // The vector type may have just been created: let the pool learn it.
        await connection.ReloadTypesAsync(cancellationToken);
    }

    /// <summary>
    /// Opens a connection; a database that does not exist yet (a local server, a fresh managed instance) is created
    /// first, when the user may (the AppHost's local server: the superuser).
    /// </summary>
    private async Task<NpgsqlConnection> OpenCreatingDatabaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            var target = new NpgsqlConnectionStringBuilder(connectionString);
            var name = target.Database ?? throw new InvalidOperationException("The library's connection string names no database.");
            var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
            await using (var admin = new NpgsqlConnection(maintenance.ConnectionString))
            {
                await admin.OpenAsync(cancellationToken);
                await using var create = new NpgsqlCommand($"create database \"{name.Replace("\"", "\"\"")}\"", admin);
                try
                {
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (PostgresException raced) when (raced.SqlState == PostgresErrorCodes.DuplicateDatabase)
                {
                    // another replica created it meanwhile
                }
            }
            return await dataSource.OpenConnectionAsync(cancellationToken);
        }
    }

    private async Task MatchVectorSizeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select atttypmod from pg_attribute where attrelid = 'chunks'::regclass and attname = 'embedding'", connection);
        var stored = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        if (stored == dimensions)
        {
            return;
        }
        await ExecuteAsync(connection, $"""
            drop index if exists chunks_embedding;
            alter table chunks alter column embedding type vector({dimensions}) using null;
            create index chunks_embedding on chunks using hnsw (embedding vector_cosine_ops) with (m = 16, ef_construction = 64);
            """, cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
