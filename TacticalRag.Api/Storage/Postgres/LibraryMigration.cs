using Npgsql;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Storage.Postgres;

/// <summary>What one migration run did.</summary>
public sealed record LibraryMigrationResult(int Documents, int Copied, int Skipped, long Chunks, long Vectors);

/// <summary>
/// Copies an embedded library (Redis or the data folder) into the PostgreSQL engine without re-embedding: each
/// document with its chunks and vectors in one transaction, so an interrupted run leaves whole documents only. Running
/// it again resumes: a document already there with the same content, chunk count and vector count is skipped, one
/// that differs (re-embedded or changed since) is replaced. Reports progress per document.
/// </summary>
internal sealed partial class LibraryMigration(ILibraryStore source, PostgresLibraryDatabase target, ILogger logger, TimeProvider time)
{
    public async Task<LibraryMigrationResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (await source.GetEmbeddingModelAsync(cancellationToken) is { } model)
        {
            await new PostgresLibraryStore(target).SetEmbeddingModelAsync(model, cancellationToken);
        }
        var documents = (await source.ListDocumentsAsync(cancellationToken)).Reverse().ToList(); // oldest first
        var (copied, skipped, chunkCount, vectorCount) = (0, 0, 0L, 0L);
        for (var i = 0; i < documents.Count; i++)
        {
            var document = documents[i];
            var chunks = await source.GetChunksAsync(document.Id, cancellationToken);
            var vectors = await source.GetVectorsAsync(document.Id, cancellationToken);
            if (await IsThereAsync(document, chunks.Count, vectors.Count, cancellationToken))
            {
                skipped++;
                LogSkipped(logger, i + 1, documents.Count, document.Id, document.Title);
                continue;
            }
            var byChunk = vectors.Where(v => v.Vector.Length == target.Dimensions).ToDictionary(v => v.ChunkId, v => v.Vector, StringComparer.Ordinal);
            if (byChunk.Count < vectors.Count)
            {
                LogWrongSize(logger, document.Id, vectors.Count - byChunk.Count, target.Dimensions);
            }
            // Vectors missing or dropped: the document is embedded again by the API (status indexing).
            var record = byChunk.Count < chunks.Count && document.Status == DocumentStatus.Ready
                ? document with { Status = DocumentStatus.Indexing, Progress = chunks.Count == 0 ? 1 : (double)byChunk.Count / chunks.Count }
                : document;
            await CopyAsync(record, chunks, byChunk, cancellationToken);
            copied++;
            chunkCount += chunks.Count;
            vectorCount += byChunk.Count;
            var seconds = Math.Max(time.GetElapsedTime(started).TotalSeconds, 0.001);
            LogCopied(logger, i + 1, documents.Count, document.Id, document.Title, chunks.Count, byChunk.Count, chunkCount / seconds);
        }
        return new LibraryMigrationResult(documents.Count, copied, skipped, chunkCount, vectorCount);
    }

    private async Task<bool> IsThereAsync(LibraryDocument document, int chunks, int vectors, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            select d.content_hash, d.status,
                (select count(*) from chunks c where c.document_id = d.id),
                (select count(*) from chunks c where c.document_id = d.id and c.embedding is not null)
            from documents d where d.id = $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = document.Id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            && reader.GetString(0) == document.ContentHash
            && reader.GetInt64(2) == chunks
            && reader.GetInt64(3) == vectors;
    }

    private async Task CopyAsync(
        LibraryDocument document, IReadOnlyList<DocumentChunk> chunks, IReadOnlyDictionary<string, float[]> vectors, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var uncount = new NpgsqlCommand("select library_count_terms($1, -1)", connection, transaction))
        {
            uncount.Parameters.Add(new NpgsqlParameter { Value = document.Id });
            await uncount.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var delete = new NpgsqlCommand("delete from documents where id = $1", connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = document.Id });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var insert = new NpgsqlCommand($"""
            insert into documents ({PostgresLibraryStore.DocumentColumns})
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            """, connection, transaction))
        {
            PostgresLibraryStore.AddDocumentParameters(insert, document);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await PostgresChunkWriter.InsertAsync(connection, transaction, document.Id, chunks, vectors, cancellationToken);
        await PostgresChanges.NotifyVersionedAsync(connection, transaction, LibraryChangeKind.DocumentAdded, document.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "[{Done}/{Total}] {DocumentId} '{Title}': already in PostgreSQL, skipped")]
    private static partial void LogSkipped(ILogger logger, int done, int total, string documentId, string title);

    [LoggerMessage(Level = LogLevel.Information, Message = "[{Done}/{Total}] {DocumentId} '{Title}': {Chunks} chunks, {Vectors} vectors copied ({Rate:0} chunks/s)")]
    private static partial void LogCopied(ILogger logger, int done, int total, string documentId, string title, int chunks, int vectors, double rate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{DocumentId}: {Count} vectors are not {Dimensions}-dimensional and were left out; the API embeds those chunks again")]
    private static partial void LogWrongSize(ILogger logger, string documentId, int count, int dimensions);
}
