using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using Pgvector;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Storage.Postgres;

/// <summary>
/// The library in PostgreSQL: documents, chunks with their keyword terms and vectors, the version and the embedding
/// model. Every library change is one transaction that bumps the version and announces itself (NOTIFY, delivered at
/// commit, in commit order); embedding progress and vectors change no version.
/// </summary>
internal sealed class PostgresLibraryStore(PostgresLibraryDatabase database) : ILibraryStore
{
    /// <summary>A document's columns, in the order <see cref="AddDocumentParameters"/> numbers them ($1 to $13).</summary>
    internal const string DocumentColumns =
        "id, title, file_name, content_type, bytes, content_hash, chunks, ingested_utc, status, progress, error, embedding_model, languages";
    private const string ChunkColumns = "c.id, c.document_id, c.ordinal, c.text, c.section, c.page, c.tokens, c.language";

    public async Task<bool> TryAddDocumentAsync(LibraryDocument document, IReadOnlyList<DocumentChunk> chunks, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand($"""
            insert into documents ({DocumentColumns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            on conflict (id) do nothing
            """, connection, transaction))
        {
            AddDocumentParameters(insert, document);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }
        await PostgresChunkWriter.InsertAsync(connection, transaction, document.Id, chunks, vectors: null, cancellationToken);
        await PostgresChanges.NotifyVersionedAsync(connection, transaction, LibraryChangeKind.DocumentAdded, document.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> UpdateDocumentAsync(LibraryDocument document, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await UpdateRecordAsync(connection, transaction, document, cancellationToken))
        {
            return false;
        }
        await PostgresChanges.NotifyVersionedAsync(connection, transaction, LibraryChangeKind.DocumentUpdated, document.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task SaveVectorsAsync(string documentId, IReadOnlyList<ChunkVector> vectors, CancellationToken cancellationToken)
    {
        if (vectors.Count == 0)
        {
            return;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch)
        {
            foreach (var vector in vectors)
            {
                var command = new NpgsqlBatchCommand("update chunks set embedding = $1 where id = $2 and document_id = $3 returning id");
                command.Parameters.Add(new NpgsqlParameter { Value = new Vector(vector.Vector) });
                command.Parameters.Add(new NpgsqlParameter { Value = vector.ChunkId });
                command.Parameters.Add(new NpgsqlParameter { Value = documentId });
                batch.BatchCommands.Add(command);
            }
            var saved = new List<string>(vectors.Count);
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                do
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        saved.Add(reader.GetString(0));
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));
            }
            if (saved.Count > 0)
            {
                await PostgresChanges.NotifyVectorsAsync(connection, transaction, documentId, saved, cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> UpdateProgressAsync(string documentId, double progress, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("update documents set progress = $1 where id = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = progress });
        command.Parameters.Add(new NpgsqlParameter { Value = documentId });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<LibraryDocument?> GetDocumentAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select {DocumentColumns} from documents where id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDocument(reader) : null;
    }

    public async Task<IReadOnlyList<LibraryDocument>> ListDocumentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select {DocumentColumns} from documents order by ingested_utc desc, id", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<LibraryDocument>();
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(ReadDocument(reader));
        }
        return documents;
    }

    public async Task<IReadOnlyList<DocumentChunk>> GetChunksAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select {ChunkColumns} from chunks c where c.document_id = $1 order by c.ordinal", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = documentId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var chunks = new List<DocumentChunk>();
        while (await reader.ReadAsync(cancellationToken))
        {
            chunks.Add(ReadChunk(reader));
        }
        return chunks;
    }

    public async Task<bool> DeleteDocumentAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var uncount = new NpgsqlCommand("select library_count_terms($1, -1)", connection, transaction))
        {
            uncount.Parameters.Add(new NpgsqlParameter { Value = id });
            await uncount.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var delete = new NpgsqlCommand("delete from documents where id = $1", connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = id });
            if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false; // its chunks go with it (on delete cascade)
            }
        }
        await PostgresChanges.NotifyVersionedAsync(connection, transaction, LibraryChangeKind.DocumentDeleted, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async IAsyncEnumerable<IndexedChunk> LoadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            select {ChunkColumns}, d.title, c.embedding from chunks c join documents d on d.id = c.document_id
            order by c.document_id, c.ordinal
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new IndexedChunk(
                ReadChunk(reader), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<Vector>(9).ToArray());
        }
    }

    public async Task<IReadOnlyList<ChunkVector>> GetVectorsAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "select id, embedding from chunks where document_id = $1 and embedding is not null order by ordinal", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = documentId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var vectors = new List<ChunkVector>();
        while (await reader.ReadAsync(cancellationToken))
        {
            vectors.Add(new ChunkVector(reader.GetString(0), reader.GetFieldValue<Vector>(1).ToArray()));
        }
        return vectors;
    }

    public async Task<bool> RestartEmbeddingAsync(LibraryDocument document, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await UpdateRecordAsync(connection, transaction, document, cancellationToken))
        {
            return false;
        }
        await using (var drop = new NpgsqlCommand("update chunks set embedding = null where document_id = $1", connection, transaction))
        {
            drop.Parameters.Add(new NpgsqlParameter { Value = document.Id });
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
        await PostgresChanges.NotifyVersionedAsync(connection, transaction, LibraryChangeKind.DocumentUpdated, document.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<string?> GetEmbeddingModelAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select embedding_model from library_state", connection);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SetEmbeddingModelAsync(string model, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("update library_state set embedding_model = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = model });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> GetVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select version from library_state", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public IAsyncEnumerable<LibraryChange> WatchAsync(CancellationToken cancellationToken) =>
        PostgresChanges.Listen(database, cancellationToken);

    private static async Task<bool> UpdateRecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, LibraryDocument document, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("""
            update documents set title = $2, file_name = $3, content_type = $4, bytes = $5, content_hash = $6, chunks = $7,
                ingested_utc = $8, status = $9, progress = $10, error = $11, embedding_model = $12,
                languages = $13
            where id = $1
            """, connection, transaction);
        AddDocumentParameters(update, document);
        return await update.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    internal static void AddDocumentParameters(NpgsqlCommand command, LibraryDocument document)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = document.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = document.Title });
        command.Parameters.Add(new NpgsqlParameter { Value = document.FileName });
        command.Parameters.Add(new NpgsqlParameter { Value = document.ContentType });
        command.Parameters.Add(new NpgsqlParameter { Value = document.Bytes });
        command.Parameters.Add(new NpgsqlParameter { Value = document.ContentHash });
        command.Parameters.Add(new NpgsqlParameter { Value = document.Chunks });
        command.Parameters.Add(new NpgsqlParameter { Value = document.IngestedUtc.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = StatusName(document.Status) });
        command.Parameters.Add(new NpgsqlParameter { Value = document.Progress });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)document.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)document.EmbeddingModel ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = (object?)document.Languages?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
        });
    }

    /// <summary>A document from the columns of <see cref="DocumentColumns"/>, in order.</summary>
    internal static LibraryDocument ReadDocument(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
        reader.GetString(5), reader.GetInt32(6), new DateTimeOffset(reader.GetDateTime(7), TimeSpan.Zero),
        ParseStatus(reader.GetString(8)), reader.GetDouble(9),
        reader.IsDBNull(10) ? null : reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11),
        reader.IsDBNull(12) ? null : reader.GetFieldValue<string[]>(12));

    /// <summary>A chunk from the first eight columns of <see cref="ChunkColumns"/>.</summary>
    internal static DocumentChunk ReadChunk(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.GetInt32(6),
        reader.IsDBNull(7) ? null : reader.GetString(7));

    private static string StatusName(DocumentStatus status) => status switch
    {
        DocumentStatus.Indexing => "indexing",
        DocumentStatus.Ready => "ready",
        DocumentStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown document status."),
    };

    private static DocumentStatus ParseStatus(string status) => status switch
    {
        "indexing" => DocumentStatus.Indexing,
        "ready" => DocumentStatus.Ready,
        "failed" => DocumentStatus.Failed,
        _ => throw new InvalidDataException($"Unknown document status '{status}' in the library database."),
    };
}
