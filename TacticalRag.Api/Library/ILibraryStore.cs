namespace TacticalRag.Api.Library;

/// <summary>
/// The source of truth for the document library: Redis when connected (shared by every API replica), else a local
/// data folder. Both implementations pass the same contract test suite.
/// </summary>
public interface ILibraryStore
{
    /// <summary>Stores a new document with its chunks atomically; false (and nothing written) when the id exists.</summary>
    Task<bool> TryAddDocumentAsync(LibraryDocument document, IReadOnlyList<DocumentChunk> chunks, CancellationToken cancellationToken);

    /// <summary>Updates status, progress, error; false when the document is gone (deleted meanwhile).</summary>
    Task<bool> UpdateDocumentAsync(LibraryDocument document, CancellationToken cancellationToken);

    /// <summary>
    /// Stores vectors for chunks of a document; ignored when the document is gone. Embedding progress, not a library
    /// change: the version stays, and watchers get a <see cref="LibraryChangeKind.VectorsAdded"/> notice naming the
    /// chunks, outside the versioned sequence (so an ingestion does not retire the caches keyed by the version per batch).
    /// </summary>
    Task SaveVectorsAsync(string documentId, IReadOnlyList<ChunkVector> vectors, CancellationToken cancellationToken);

    /// <summary>Records a document's embedding progress (0..1); no version change, no watcher notice. False when it is gone.</summary>
    Task<bool> UpdateProgressAsync(string documentId, double progress, CancellationToken cancellationToken);

    Task<LibraryDocument?> GetDocumentAsync(string id, CancellationToken cancellationToken);

    /// <summary>All documents, newest first.</summary>
    Task<IReadOnlyList<LibraryDocument>> ListDocumentsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<DocumentChunk>> GetChunksAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>Removes a document, its chunks and vectors; false when it did not exist.</summary>
    Task<bool> DeleteDocumentAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every chunk of every document with its vector where one exists, for a replica's index at start.</summary>
    IAsyncEnumerable<IndexedChunk> LoadAllAsync(CancellationToken cancellationToken);

    /// <summary>Vectors of chunks of one document, for a replica catching up on a change.</summary>
    Task<IReadOnlyList<ChunkVector>> GetVectorsAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a document's record and drops its vectors in one change: the start of embedding it again (with another
    /// model). False when the document is gone.
    /// </summary>
    Task<bool> RestartEmbeddingAsync(LibraryDocument document, CancellationToken cancellationToken);

    /// <summary>The embedding model the library's vectors are made with; null for a library that never recorded one.</summary>
    Task<string?> GetEmbeddingModelAsync(CancellationToken cancellationToken);

    /// <summary>Records the library's embedding model, once every document is (being) embedded with it.</summary>
    Task SetEmbeddingModelAsync(string model, CancellationToken cancellationToken);

    /// <summary>
    /// Goes up by one on every library change (a document added, updated, re-embedded or deleted), never for embedding
    /// progress; the answer cache is keyed by it, and followers check it for gaps.
    /// </summary>
    Task<long> GetVersionAsync(CancellationToken cancellationToken);

    /// <summary>Changes made by any replica from now on (Redis: a stream), in order, until cancelled.</summary>
    IAsyncEnumerable<LibraryChange> WatchAsync(CancellationToken cancellationToken);
}

public enum LibraryChangeKind { DocumentAdded, VectorsAdded, DocumentUpdated, DocumentDeleted }

/// <summary>
/// One change to the library, as replicas see it on the change stream. <see cref="Version"/> is the library version
/// the change made; a <see cref="LibraryChangeKind.VectorsAdded"/> notice makes none (<see cref="IsVersioned"/> is
/// false) and names its chunks instead.
/// </summary>
public sealed record LibraryChange(LibraryChangeKind Kind, string DocumentId, long Version, IReadOnlyList<string>? ChunkIds = null)
{
    public bool IsVersioned => Kind != LibraryChangeKind.VectorsAdded;
}
