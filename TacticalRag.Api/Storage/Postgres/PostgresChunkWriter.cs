using Npgsql;
using NpgsqlTypes;
using Pgvector;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Storage.Postgres;

/// <summary>
/// Writes a document's chunks (and, when migrating a library, their vectors) inside the caller's transaction: binary
/// COPY into a staging table, then one INSERT that computes each chunk's keyword terms with its language's
/// text-search configuration, or from the terms the API analysed (<see cref="KeywordLexemes"/>).
/// </summary>
internal static class PostgresChunkWriter
{
    public static async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string documentId, IReadOnlyList<DocumentChunk> chunks,
        IReadOnlyDictionary<string, float[]>? vectors, CancellationToken cancellationToken)
    {
        if (chunks.Count == 0)
        {
            return;
        }
        await using (var stage = new NpgsqlCommand("""
            create temp table chunk_stage (
                id text, ordinal int, text text, section text, page int, tokens int, language text, config text, terms text,
                embedding vector) on commit drop
            """, connection, transaction))
        {
            await stage.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "copy chunk_stage (id, ordinal, text, section, page, tokens, language, config, terms, embedding) from stdin (format binary)",
            cancellationToken))
        {
            foreach (var chunk in chunks)
            {
                if (chunk.DocumentId != documentId)
                {
                    throw new ArgumentException($"Chunk {chunk.Id} belongs to document {chunk.DocumentId}, not {documentId}.", nameof(chunks));
                }
                // Chunks of unknown language in a script PostgreSQL cannot split are analysed here too.
                var analysedHere = KeywordLexemes.AnalysedInApi(chunk.Language) || (chunk.Language is null && KeywordLexemes.NeedsApiAnalysis(chunk.Text));
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(chunk.Id, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(chunk.Ordinal, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(chunk.Text, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, chunk.Section, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, chunk.Page, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(chunk.Tokens, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(copy, chunk.Language, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(analysedHere ? TextSearchConfigurations.Simple : TextSearchConfigurations.For(chunk.Language), NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, analysedHere ? string.Join(' ', KeywordLexemes.Analyse(chunk.Language, chunk.Text)) : null, NpgsqlDbType.Text, cancellationToken);
                if (vectors is not null && vectors.TryGetValue(chunk.Id, out var vector))
                {
                    await copy.WriteAsync(new Vector(vector), "vector", cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await using var insert = new NpgsqlCommand("""
            insert into chunks (id, document_id, ordinal, text, section, page, tokens, language, text_search, lexemes, embedding)
            select s.id, @document, s.ordinal, s.text, s.section, s.page, s.tokens, s.language, s.config::regconfig,
                case when s.terms is null then to_tsvector(s.config::regconfig, s.text) else to_tsvector('simple'::regconfig, s.terms) end,
                s.embedding
            from chunk_stage s;
            insert into library_text_configs (config)
            select distinct s.config::regconfig from chunk_stage s where s.terms is null
            on conflict do nothing;
            drop table chunk_stage;
            select library_count_terms(@document, 1);
            """, connection, transaction);
        insert.Parameters.AddWithValue("document", documentId);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, int? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is { } v ? copy.WriteAsync(v, type, cancellationToken) : copy.WriteNullAsync(cancellationToken);
}
