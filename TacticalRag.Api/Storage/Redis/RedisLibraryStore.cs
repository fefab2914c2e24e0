using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Storage.Redis;

/// <summary>The library in Redis, shared by every API replica; see <see cref="RedisKeys"/> for the layout.</summary>
public sealed class RedisLibraryStore : ILibraryStore
{
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly RedisLibraryLoader _loader;
    private readonly RedisChangeFollower _follower;
    private readonly int _streamMaxLength;

    public RedisLibraryStore(IConnectionMultiplexer redis, IOptions<StorageOptions> options, ILogger<RedisLibraryStore> logger)
    {
        _db = redis.GetDatabase();
        _keys = new RedisKeys(options.Value.KeyPrefix);
        _loader = new RedisLibraryLoader(_db, _keys);
        _streamMaxLength = options.Value.ChangeStreamMaxLength;
        _follower = new RedisChangeFollower(redis, _keys, options.Value.ChangePollInterval, logger);
    }

    public async Task<bool> TryAddDocumentAsync(LibraryDocument document, IReadOnlyList<DocumentChunk> chunks, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (chunks.FirstOrDefault(c => c.DocumentId != document.Id) is { } stray)
        {
            throw new ArgumentException($"Chunk {stray.Id} belongs to document {stray.DocumentId}, not {document.Id}.", nameof(chunks));
        }
        var fields = RedisDocumentFields.ToArguments(document);
        var arguments = new List<RedisValue>(4 + fields.Count + chunks.Count)
        {
            document.Id, _streamMaxLength, document.IngestedUtc.ToUnixTimeMilliseconds(), fields.Count,
        };
        arguments.AddRange(fields);
        arguments.AddRange(chunks.Select(c => (RedisValue)JsonSerializer.SerializeToUtf8Bytes(c, StorageJson.Default.DocumentChunk)));
        return await RunAsync(RedisLibraryScripts.AddDocument, document.Id, arguments) > 0;
    }

    public async Task<bool> UpdateDocumentAsync(LibraryDocument document, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var arguments = new List<RedisValue> { document.Id, _streamMaxLength };
        arguments.AddRange(RedisDocumentFields.ToArguments(document));
        return await RunAsync(RedisLibraryScripts.UpdateDocument, document.Id, arguments) > 0;
    }

    public async Task SaveVectorsAsync(string documentId, IReadOnlyList<ChunkVector> vectors, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (vectors.Count == 0)
        {
            return;
        }
        var arguments = new List<RedisValue>(2 + 2 * vectors.Count) { documentId, _streamMaxLength };
        foreach (var vector in vectors)
        {
            arguments.Add(vector.ChunkId);
            arguments.Add(VectorBytes.ToBytes(vector.Vector));
        }
        await RunAsync(RedisLibraryScripts.SaveVectors, documentId, arguments);
    }

    public async Task<bool> UpdateProgressAsync(string documentId, double progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue[] arguments = [documentId, _streamMaxLength, progress.ToString("R", CultureInfo.InvariantCulture)];
        return await RunAsync(RedisLibraryScripts.UpdateProgress, documentId, arguments) > 0;
    }

    public async Task<LibraryDocument?> GetDocumentAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return RedisDocumentFields.FromHash(await _db.HashGetAllAsync(_keys.Document(id)));
    }

    public async Task<IReadOnlyList<LibraryDocument>> ListDocumentsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ids = await _db.SortedSetRangeByRankAsync(_keys.Documents, order: Order.Descending);
        var documents = new List<LibraryDocument>(ids.Length);
        foreach (var batch in ids.Chunk(256))
        {
            var reads = batch.Select(id => _db.HashGetAllAsync(_keys.Document(id.ToString()))).ToArray();
            foreach (var entries in await Task.WhenAll(reads))
            {
                // A document deleted between the two reads is simply not listed.
                if (RedisDocumentFields.FromHash(entries) is { } document)
                {
                    documents.Add(document);
                }
            }
        }
        return documents;
    }

    public async Task<IReadOnlyList<DocumentChunk>> GetChunksAsync(string documentId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var values = await _db.ListRangeAsync(_keys.Chunks(documentId));
        return values.Select(RedisLibraryLoader.ParseChunk).ToList();
    }

    public async Task<bool> DeleteDocumentAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await RunAsync(RedisLibraryScripts.DeleteDocument, id, [id, _streamMaxLength]) > 0;
    }

    public IAsyncEnumerable<IndexedChunk> LoadAllAsync(CancellationToken cancellationToken) =>
        _loader.LoadAllAsync(cancellationToken);

    public async Task<IReadOnlyList<ChunkVector>> GetVectorsAsync(string documentId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = await _db.HashGetAllAsync(_keys.Vectors(documentId));
        return entries
            .Select(e => new ChunkVector(e.Name.ToString(), VectorBytes.ToVector(((ReadOnlyMemory<byte>)e.Value).Span)))
            .OrderBy(v => v.ChunkId, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<bool> RestartEmbeddingAsync(LibraryDocument document, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var arguments = new List<RedisValue> { document.Id, _streamMaxLength };
        arguments.AddRange(RedisDocumentFields.ToArguments(document));
        return await RunAsync(RedisLibraryScripts.RestartEmbedding, document.Id, arguments) > 0;
    }

    public async Task<string?> GetEmbeddingModelAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await _db.StringGetAsync(_keys.EmbeddingModel);
    }

    public async Task SetEmbeddingModelAsync(string model, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _db.StringSetAsync(_keys.EmbeddingModel, model);
    }

    public async Task<long> GetVersionAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var version = await _db.StringGetAsync(_keys.Version);
        return version.IsNull ? 0 : (long)version;
    }

    public IAsyncEnumerable<LibraryChange> WatchAsync(CancellationToken cancellationToken) =>
        _follower.Follow(cancellationToken);

    private async Task<long> RunAsync(string script, string documentId, IEnumerable<RedisValue> arguments) =>
        (long)await _db.ScriptEvaluateAsync(script, _keys.ForDocumentScript(documentId), arguments.ToArray());
}
