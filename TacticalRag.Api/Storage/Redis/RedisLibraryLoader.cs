using System.Runtime.CompilerServices;
using System.Text.Json;
using StackExchange.Redis;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Storage.Redis;

/// <summary>
/// Reads the whole library for a replica's index in pipelined rounds of a few thousand chunks: one round trip per
/// round, not per chunk, and only one round's replies in memory at a time, however large a single document is.
/// </summary>
internal sealed class RedisLibraryLoader(IDatabase db, RedisKeys keys)
{
    private const int DocumentsPerRound = 256;
    private const int ChunksPerPage = 1_000;
    private const int ChunksPerRound = 4_000;

    private sealed record Page(LibraryDocument Document, long Start, long Stop);

    public async IAsyncEnumerable<IndexedChunk> LoadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = await db.SortedSetRangeByRankAsync(keys.Documents, order: Order.Descending);
        foreach (var idBatch in ids.Chunk(DocumentsPerRound))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pages = await PlanPagesAsync(idBatch.Select(id => id.ToString()).ToArray());
            foreach (var round in Rounds(pages))
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var chunk in await ReadRoundAsync(round))
                {
                    yield return chunk;
                }
            }
        }
    }

    public static DocumentChunk ParseChunk(RedisValue value) =>
        JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)value).Span, StorageJson.Default.DocumentChunk)
        ?? throw new InvalidDataException("A stored chunk is JSON null.");

    private async Task<List<Page>> PlanPagesAsync(string[] ids)
    {
        var batch = db.CreateBatch();
        var reads = ids.Select(id => (Document: batch.HashGetAllAsync(keys.Document(id)), Length: batch.ListLengthAsync(keys.Chunks(id)))).ToArray();
        batch.Execute();
        var pages = new List<Page>();
        foreach (var read in reads)
        {
            // Deleted since the id list was read: nothing to load.
            if (RedisDocumentFields.FromHash(await read.Document) is not { } document)
            {
                continue;
            }
            var length = await read.Length;
            for (long start = 0; start < length; start += ChunksPerPage)
            {
                pages.Add(new Page(document, start, Math.Min(start + ChunksPerPage, length) - 1));
            }
        }
        return pages;
    }

    private static IEnumerable<List<Page>> Rounds(List<Page> pages)
    {
        var round = new List<Page>();
        long chunks = 0;
        foreach (var page in pages)
        {
            round.Add(page);
            chunks += page.Stop - page.Start + 1;
            if (chunks >= ChunksPerRound)
            {
                yield return round;
                round = [];
                chunks = 0;
            }
        }
        if (round.Count > 0)
        {
            yield return round;
        }
    }

    private async Task<List<IndexedChunk>> ReadRoundAsync(List<Page> round)
    {
        var chunkBatch = db.CreateBatch();
        var chunkReads = round.Select(p => chunkBatch.ListRangeAsync(keys.Chunks(p.Document.Id), p.Start, p.Stop)).ToArray();
        chunkBatch.Execute();
        var pageChunks = new List<DocumentChunk[]>(round.Count);
        foreach (var read in chunkReads)
        {
            pageChunks.Add((await read).Select(ParseChunk).ToArray());
        }

        // Vectors are fetched by the chunk ids just read, so a page's vectors line up with its chunks.
        var vectorBatch = db.CreateBatch();
        var vectorReads = round
            .Select((p, i) => pageChunks[i].Length == 0
                ? Task.FromResult(Array.Empty<RedisValue>())
                : vectorBatch.HashGetAsync(keys.Vectors(p.Document.Id), pageChunks[i].Select(c => (RedisValue)c.Id).ToArray()))
            .ToArray();
        vectorBatch.Execute();

        var loaded = new List<IndexedChunk>();
        for (var i = 0; i < round.Count; i++)
        {
            var vectors = await vectorReads[i];
            for (var j = 0; j < pageChunks[i].Length; j++)
            {
                var vector = vectors[j].IsNull ? null : VectorBytes.ToVector(((ReadOnlyMemory<byte>)vectors[j]).Span);
                loaded.Add(new IndexedChunk(pageChunks[i][j], round[i].Document.Title, vector));
            }
        }
        return loaded;
    }
}
