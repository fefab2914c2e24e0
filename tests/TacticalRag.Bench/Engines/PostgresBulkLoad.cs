using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Pgvector;
using TacticalRag.Api.Library;
using TacticalRag.Api.Storage.Postgres;
using TacticalRag.Bench.Reporting;

namespace TacticalRag.Bench.Engines;

/// <summary>
/// Fills an empty PostgreSQL library (the product's schema, migrated) with a synthetic library far faster than
/// ingestion can: binary COPY of documents and chunks (text and vectors) into the tables with the chunk indexes
/// dropped, the keyword terms computed by the same SQL the engine's writer uses (<c>to_tsvector</c> with the chunk's
/// configuration, the term count, the BM25 statistics), then the indexes built once over the full table (GIN, and
/// HNSW with the schema's m and ef_construction, in memory and with parallel workers), as a restore would. What the
/// search path then reads is exactly what ingestion would have written.
/// </summary>
internal static class PostgresBulkLoad
{
    /// <summary>Phases' wall times: the COPY, the keyword terms and statistics, the GIN index, the HNSW index.</summary>
    public sealed record Timings(int Chunks, TimeSpan Copy, TimeSpan Terms, TimeSpan KeywordIndex, TimeSpan VectorIndex)
    {
        public TimeSpan Total => Copy + Terms + KeywordIndex + VectorIndex;
    }

    public static async Task<Timings> LoadAsync(
        PostgresLibraryDatabase database, IEnumerable<IReadOnlyList<IndexedChunk>> documents, Func<float[]> vector, int chunks,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Room to build the HNSW graph in memory (about 2 kB per 384-dimension vector), and the server's parallel workers.
        await ExecuteAsync(connection, """
            set maintenance_work_mem = '4GB';
            set max_parallel_maintenance_workers = 2;
            set work_mem = '256MB';
            drop index if exists chunks_embedding;
            drop index if exists chunks_lexemes;
            drop index if exists chunks_document;
            create unlogged table bulk_chunks (
                id text, document_id text, ordinal int, text text, section text, tokens int, embedding vector);
            """, cancellationToken);

        var began = Stopwatch.GetTimestamp();
        var written = 0;
        {
            await using var documentCopy = await connection.BeginBinaryImportAsync(
                "copy documents (id, title, file_name, content_type, bytes, content_hash, chunks, ingested_utc, status, progress, error, embedding_model, languages) from stdin (format binary)", cancellationToken);
            await using var chunkConnection = await database.OpenAsync(cancellationToken);
            await using var chunkCopy = await chunkConnection.BeginBinaryImportAsync(
                "copy bulk_chunks (id, document_id, ordinal, text, section, tokens, embedding) from stdin (format binary)", cancellationToken);
            foreach (var document in documents)
            {
                var first = document[0];
                await documentCopy.StartRowAsync(cancellationToken);
                await documentCopy.WriteAsync(first.Chunk.DocumentId, NpgsqlDbType.Text, cancellationToken);
                await documentCopy.WriteAsync(first.Title, NpgsqlDbType.Text, cancellationToken);
                await documentCopy.WriteAsync(first.Chunk.DocumentId + ".txt", NpgsqlDbType.Text, cancellationToken);
                await documentCopy.WriteAsync("text/plain", NpgsqlDbType.Text, cancellationToken);
                await documentCopy.WriteAsync(0L, NpgsqlDbType.Bigint, cancellationToken);
                await documentCopy.WriteAsync(first.Chunk.DocumentId, NpgsqlDbType.Text, cancellationToken);
                await documentCopy.WriteAsync(document.Count, NpgsqlDbType.Integer, cancellationToken);
                await documentCopy.WriteAsync(DateTime.UnixEpoch, NpgsqlDbType.TimestampTz, cancellationToken);
                await documentCopy.WriteAsync("ready", NpgsqlDbType.Text, cancellationToken);
                await documentCopy.WriteAsync(1.0, NpgsqlDbType.Double, cancellationToken);
                await documentCopy.WriteNullAsync(cancellationToken);
                await documentCopy.WriteNullAsync(cancellationToken);
                await documentCopy.WriteNullAsync(cancellationToken);
                foreach (var item in document)
                {
                    var chunk = item.Chunk;
                    await chunkCopy.StartRowAsync(cancellationToken);
                    await chunkCopy.WriteAsync(chunk.Id, NpgsqlDbType.Text, cancellationToken);
                    await chunkCopy.WriteAsync(chunk.DocumentId, NpgsqlDbType.Text, cancellationToken);
                    await chunkCopy.WriteAsync(chunk.Ordinal, NpgsqlDbType.Integer, cancellationToken);
                    await chunkCopy.WriteAsync(chunk.Text, NpgsqlDbType.Text, cancellationToken);
                    await chunkCopy.WriteAsync(chunk.Section ?? "", NpgsqlDbType.Text, cancellationToken);
                    await chunkCopy.WriteAsync(chunk.Tokens, NpgsqlDbType.Integer, cancellationToken);
                    await chunkCopy.WriteAsync(new Vector(item.Vector ?? vector()), "vector", cancellationToken);
                }
                written += document.Count;
                if (written % 50_000 < document.Count)
                {
                    Progress.Step($"PostgreSQL bulk load: {written:N0} of {chunks:N0} chunks copied ({written / Stopwatch.GetElapsedTime(began).TotalSeconds:0}/s)");
                }
            }
            await chunkCopy.CompleteAsync(cancellationToken);
            await documentCopy.CompleteAsync(cancellationToken);
        }
        var copy = Stopwatch.GetElapsedTime(began);

        // The chunks' keyword terms as PostgresChunkWriter computes them (unknown language: English), then the BM25
        // statistics library_count_terms keeps, for the whole library at once.
        began = Stopwatch.GetTimestamp();
        Progress.Step("PostgreSQL bulk load: keyword terms and statistics");
        await ExecuteAsync(connection, """
            insert into chunks (id, document_id, ordinal, text, section, page, tokens, language, text_search, lexemes, embedding, term_count)
            select b.id, b.document_id, b.ordinal, b.text, b.section, null, b.tokens, null, 'english'::regconfig, t.lexemes, b.embedding,
                coalesce((select sum(coalesce(array_length(u.positions, 1), 1)) from unnest(t.lexemes) u), 0)
            from bulk_chunks b cross join lateral (select to_tsvector('english'::regconfig, b.text) as lexemes) t;
            drop table bulk_chunks;
            insert into library_text_configs (config) values ('english'::regconfig) on conflict do nothing;
            insert into library_term_stats (term, df)
            select u.lexeme, count(*) from chunks c, unnest(c.lexemes) u group by u.lexeme
            on conflict (term) do update set df = library_term_stats.df + excluded.df;
            update library_state set version = version + 1,
                chunk_count = (select count(*) from chunks), term_total = (select coalesce(sum(term_count), 0) from chunks);
            """, cancellationToken);
        var terms = Stopwatch.GetElapsedTime(began);

        began = Stopwatch.GetTimestamp();
        Progress.Step("PostgreSQL bulk load: the GIN keyword index");
        await ExecuteAsync(connection, """
            create index chunks_document on chunks (document_id, ordinal);
            create index chunks_lexemes on chunks using gin (lexemes);
            """, cancellationToken);
        var keywordIndex = Stopwatch.GetElapsedTime(began);

        began = Stopwatch.GetTimestamp();
        Progress.Step("PostgreSQL bulk load: the HNSW vector index (m 16, ef_construction 64, as the schema makes it)");
        await ExecuteAsync(connection,
            "create index chunks_embedding on chunks using hnsw (embedding vector_cosine_ops) with (m = 16, ef_construction = 64)",
            cancellationToken);
        var vectorIndex = Stopwatch.GetElapsedTime(began);
        return new Timings(written, copy, terms, keywordIndex, vectorIndex);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
