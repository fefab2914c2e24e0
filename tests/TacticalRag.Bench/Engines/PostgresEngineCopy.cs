using TacticalRag.Api.Library;
using TacticalRag.Api.Storage.Postgres;

namespace TacticalRag.Bench.Engines;

/// <summary>Writes indexed chunks into a PostgreSQL library the way ingestion does: a document per transaction, then its vectors.</summary>
internal static class PostgresEngineCopy
{
    public static async Task<TimeSpan> WriteAsync(PostgresLibraryDatabase database, IEnumerable<IndexedChunk> chunks, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var store = new PostgresLibraryStore(database);
        foreach (var document in chunks.GroupBy(c => c.Chunk.DocumentId))
        {
            var items = document.OrderBy(c => c.Chunk.Ordinal).ToList();
            var record = new LibraryDocument(document.Key, items[0].Title, document.Key, "text/plain", 0, document.Key, items.Count,
                DateTimeOffset.UnixEpoch, DocumentStatus.Ready, 1);
            await store.TryAddDocumentAsync(record, items.Select(c => c.Chunk).ToList(), cancellationToken);
            var vectors = items.Where(c => c.Vector is not null).Select(c => new ChunkVector(c.Chunk.Id, c.Vector!)).ToList();
            for (var i = 0; i < vectors.Count; i += 256)
            {
                await store.SaveVectorsAsync(document.Key, vectors.Skip(i).Take(256).ToList(), cancellationToken);
            }
        }
        return TimeProvider.System.GetElapsedTime(started);
    }
}
