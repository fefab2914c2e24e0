using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Storage.Files;

/// <summary>
/// The library in a local folder, for a single API with no Redis: <c>library/documents/{id}.json</c>,
/// <c>library/chunks/{id}.json</c>, <c>library/vectors/{id}.bin</c>, <c>library/version</c> and
/// <c>library/embedding-model</c>. A document exists exactly when its document file does; that file is written last
/// on add and removed first on delete, so a crash in between leaves only unreachable leftovers that the next add clears.
/// </summary>
internal sealed class FileLibraryStore : ILibraryStore
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LocalChangeFeed _changes = new();
    private readonly LibraryFolder _folder;
    private readonly ILogger _logger;
    private long _version;

    public FileLibraryStore(IOptions<StorageOptions> options, ILogger<FileLibraryStore>? logger = null)
    {
        _logger = logger ?? NullLogger<FileLibraryStore>.Instance;
        _folder = new LibraryFolder(Path.Combine(Path.GetFullPath(options.Value.DataPath), "library"));
        _folder.EnsureCreated();
        var version = File.Exists(_folder.Version) ? File.ReadAllText(_folder.Version).Trim() : "0";
        _version = long.Parse(version, CultureInfo.InvariantCulture);
    }

    public Task<bool> TryAddDocumentAsync(LibraryDocument document, IReadOnlyList<DocumentChunk> chunks, CancellationToken cancellationToken)
    {
        StorageIds.EnsureSafe(document.Id, "document");
        if (chunks.FirstOrDefault(c => c.DocumentId != document.Id) is { } stray)
        {
            throw new ArgumentException($"Chunk {stray.Id} belongs to document {stray.DocumentId}, not {document.Id}.", nameof(chunks));
        }
        return ChangeAsync(document.Id, LibraryChangeKind.DocumentAdded, cancellationToken, async () =>
        {
            if (File.Exists(_folder.Document(document.Id)))
            {
                return false;
            }
            File.Delete(_folder.Vectors(document.Id));
            await AtomicFile.WriteAsync(_folder.Chunks(document.Id), JsonSerializer.SerializeToUtf8Bytes(chunks.ToList(), StorageJson.Default.ListDocumentChunk), cancellationToken);
            await WriteDocumentAsync(document, cancellationToken);
            return true;
        });
    }

    public Task<bool> UpdateDocumentAsync(LibraryDocument document, CancellationToken cancellationToken) =>
        ChangeAsync(document.Id, LibraryChangeKind.DocumentUpdated, cancellationToken, async () =>
        {
            if (!Exists(document.Id))
            {
                return false;
            }
            await WriteDocumentAsync(document, cancellationToken);
            return true;
        });

    public Task SaveVectorsAsync(string documentId, IReadOnlyList<ChunkVector> vectors, CancellationToken cancellationToken) =>
        vectors.Count == 0 ? Task.CompletedTask : LockedAsync(async () =>
        {
            if (!Exists(documentId))
            {
                return false;
            }
            await VectorFile.AppendAsync(_folder.Vectors(documentId), vectors, _logger, cancellationToken);
            // Progress, not a library change: the version stays.
            _changes.Publish(new LibraryChange(LibraryChangeKind.VectorsAdded, documentId, Interlocked.Read(ref _version), vectors.Select(v => v.ChunkId).ToArray()));
            return true;
        }, cancellationToken);

    public Task<bool> UpdateProgressAsync(string documentId, double progress, CancellationToken cancellationToken) =>
        LockedAsync(async () =>
        {
            if (await ReadDocumentAsync(documentId, cancellationToken) is not { } document)
            {
                return false;
            }
            await WriteDocumentAsync(document with { Progress = progress }, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<LibraryDocument?> GetDocumentAsync(string id, CancellationToken cancellationToken) =>
        LockedAsync(() => ReadDocumentAsync(id, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<LibraryDocument>> ListDocumentsAsync(CancellationToken cancellationToken) =>
        LockedAsync<IReadOnlyList<LibraryDocument>>(async () =>
        {
            var documents = new List<LibraryDocument>();
            foreach (var id in _folder.DocumentIds())
            {
                if (await ReadDocumentAsync(id, cancellationToken) is { } document)
                {
                    documents.Add(document);
                }
            }
            // Same order as Redis's sorted set read in reverse: newest first, ties by id descending.
            return documents
                .OrderByDescending(d => d.IngestedUtc.ToUnixTimeMilliseconds())
                .ThenByDescending(d => d.Id, StringComparer.Ordinal)
                .ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<DocumentChunk>> GetChunksAsync(string documentId, CancellationToken cancellationToken) =>
        LockedAsync(() => ReadChunksAsync(documentId, cancellationToken), cancellationToken);

    public Task<bool> DeleteDocumentAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, LibraryChangeKind.DocumentDeleted, cancellationToken, () =>
        {
            if (!Exists(id))
            {
                return Task.FromResult(false);
            }
            File.Delete(_folder.Document(id));
            File.Delete(_folder.Chunks(id));
            File.Delete(_folder.Vectors(id));
            return Task.FromResult(true);
        });

    public async IAsyncEnumerable<IndexedChunk> LoadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var document in await ListDocumentsAsync(cancellationToken))
        {
            // One document at a time under the lock; the caller's work between items never holds it.
            var (chunks, vectors) = await LockedAsync(async () =>
                (await ReadChunksAsync(document.Id, cancellationToken), await VectorFile.ReadAsync(_folder.Vectors(document.Id), _logger, cancellationToken)),
                cancellationToken);
            foreach (var chunk in chunks)
            {
                yield return new IndexedChunk(chunk, document.Title, vectors.GetValueOrDefault(chunk.Id));
            }
        }
    }

    public Task<IReadOnlyList<ChunkVector>> GetVectorsAsync(string documentId, CancellationToken cancellationToken) =>
        LockedAsync<IReadOnlyList<ChunkVector>>(async () =>
        {
            if (!StorageIds.IsSafe(documentId))
            {
                return [];
            }
            var vectors = await VectorFile.ReadAsync(_folder.Vectors(documentId), _logger, cancellationToken);
            return vectors.Select(v => new ChunkVector(v.Key, v.Value)).OrderBy(v => v.ChunkId, StringComparer.Ordinal).ToList();
        }, cancellationToken);

    public Task<bool> RestartEmbeddingAsync(LibraryDocument document, CancellationToken cancellationToken) =>
        ChangeAsync(document.Id, LibraryChangeKind.DocumentUpdated, cancellationToken, async () =>
        {
            if (!Exists(document.Id))
            {
                return false;
            }
            File.Delete(_folder.Vectors(document.Id));
            await WriteDocumentAsync(document, cancellationToken);
            return true;
        });

    public Task<string?> GetEmbeddingModelAsync(CancellationToken cancellationToken) =>
        LockedAsync(async () => await AtomicFile.ReadAsync(_folder.EmbeddingModel, cancellationToken) is { } stored
            ? Encoding.UTF8.GetString(stored)
            : null, cancellationToken);

    public Task SetEmbeddingModelAsync(string model, CancellationToken cancellationToken) =>
        LockedAsync(async () =>
        {
            await AtomicFile.WriteAsync(_folder.EmbeddingModel, Encoding.UTF8.GetBytes(model), cancellationToken);
            return true;
        }, cancellationToken);

    public Task<long> GetVersionAsync(CancellationToken cancellationToken) => Task.FromResult(Interlocked.Read(ref _version));

    public IAsyncEnumerable<LibraryChange> WatchAsync(CancellationToken cancellationToken) => _changes.Watch(cancellationToken);

    private bool Exists(string id) => StorageIds.IsSafe(id) && File.Exists(_folder.Document(id));

    private async Task<LibraryDocument?> ReadDocumentAsync(string id, CancellationToken cancellationToken) =>
        StorageIds.IsSafe(id) && await AtomicFile.ReadAsync(_folder.Document(id), cancellationToken) is { } json
            ? JsonSerializer.Deserialize(json, StorageJson.Default.LibraryDocument)
            : null;

    private async Task<IReadOnlyList<DocumentChunk>> ReadChunksAsync(string id, CancellationToken cancellationToken) =>
        StorageIds.IsSafe(id) && await AtomicFile.ReadAsync(_folder.Chunks(id), cancellationToken) is { } json
            ? JsonSerializer.Deserialize(json, StorageJson.Default.ListDocumentChunk) ?? []
            : [];

    private Task WriteDocumentAsync(LibraryDocument document, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(_folder.Document(document.Id), JsonSerializer.SerializeToUtf8Bytes(document, StorageJson.Default.LibraryDocument), cancellationToken);

    /// <summary>Runs a write under the lock; when it changed something, bumps and persists the version and tells watchers.</summary>
    private async Task<bool> ChangeAsync(string documentId, LibraryChangeKind kind, CancellationToken cancellationToken, Func<Task<bool>> write) =>
        await LockedAsync(async () =>
        {
            if (!await write())
            {
                return false;
            }
            var version = _version + 1;
            await AtomicFile.WriteAsync(_folder.Version, Encoding.UTF8.GetBytes(version.ToString(CultureInfo.InvariantCulture)), cancellationToken);
            Interlocked.Exchange(ref _version, version);
            _changes.Publish(new LibraryChange(kind, documentId, version));
            return true;
        }, cancellationToken);

    private async Task<T> LockedAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            _gate.Release();
        }
    }
}
