using System.Runtime.CompilerServices;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Tests.Consistency;

/// <summary>A store that passes everything to a real one; tests override the step they want to slow down or interleave.</summary>
internal class DelegatingLibraryStore(ILibraryStore inner) : ILibraryStore
{
    protected ILibraryStore Inner { get; } = inner;

    public virtual Task<bool> TryAddDocumentAsync(LibraryDocument document, IReadOnlyList<DocumentChunk> chunks, CancellationToken cancellationToken) =>
        Inner.TryAddDocumentAsync(document, chunks, cancellationToken);

    public Task<bool> UpdateDocumentAsync(LibraryDocument document, CancellationToken cancellationToken) => Inner.UpdateDocumentAsync(document, cancellationToken);

    public Task<bool> UpdateProgressAsync(string documentId, double progress, CancellationToken cancellationToken) =>
        Inner.UpdateProgressAsync(documentId, progress, cancellationToken);

    public Task SaveVectorsAsync(string documentId, IReadOnlyList<ChunkVector> vectors, CancellationToken cancellationToken) =>
        Inner.SaveVectorsAsync(documentId, vectors, cancellationToken);

    public Task<LibraryDocument?> GetDocumentAsync(string id, CancellationToken cancellationToken) => Inner.GetDocumentAsync(id, cancellationToken);

    public Task<IReadOnlyList<LibraryDocument>> ListDocumentsAsync(CancellationToken cancellationToken) => Inner.ListDocumentsAsync(cancellationToken);

    public Task<IReadOnlyList<DocumentChunk>> GetChunksAsync(string documentId, CancellationToken cancellationToken) =>
        Inner.GetChunksAsync(documentId, cancellationToken);

    public Task<bool> DeleteDocumentAsync(string id, CancellationToken cancellationToken) => Inner.DeleteDocumentAsync(id, cancellationToken);

    public virtual IAsyncEnumerable<IndexedChunk> LoadAllAsync(CancellationToken cancellationToken) => Inner.LoadAllAsync(cancellationToken);

    public Task<IReadOnlyList<ChunkVector>> GetVectorsAsync(string documentId, CancellationToken cancellationToken) =>
        Inner.GetVectorsAsync(documentId, cancellationToken);

    public Task<bool> RestartEmbeddingAsync(LibraryDocument document, CancellationToken cancellationToken) =>
        Inner.RestartEmbeddingAsync(document, cancellationToken);

    public Task<string?> GetEmbeddingModelAsync(CancellationToken cancellationToken) => Inner.GetEmbeddingModelAsync(cancellationToken);

    public Task SetEmbeddingModelAsync(string model, CancellationToken cancellationToken) => Inner.SetEmbeddingModelAsync(model, cancellationToken);

    public Task<long> GetVersionAsync(CancellationToken cancellationToken) => Inner.GetVersionAsync(cancellationToken);

    public virtual IAsyncEnumerable<LibraryChange> WatchAsync(CancellationToken cancellationToken) => Inner.WatchAsync(cancellationToken);
}

/// <summary>A store whose full load waits until the test opens the gate: a replica with a large library, still loading.</summary>
internal sealed class SlowLoadingStore(ILibraryStore inner) : DelegatingLibraryStore(inner)
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void FinishLoading() => _gate.TrySetResult();

    public override async IAsyncEnumerable<IndexedChunk> LoadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _gate.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await foreach (var chunk in Inner.LoadAllAsync(cancellationToken))
        {
            yield return chunk;
        }
    }
}

/// <summary>
/// A store whose change watch can be held: the replica reads one change and then stops following, as a replica
/// stalled by a long pause (GC, a busy host) would, while others go on writing.
/// </summary>
internal sealed class HoldableWatchStore(ILibraryStore inner) : DelegatingLibraryStore(inner)
{
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _hold;

    /// <summary>From now on, the next change read is held until <see cref="Release"/>.</summary>
    public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the watch is holding a change.</summary>
    public Task Holding => _holding.Task;

    public void Release() => _hold?.TrySetResult();

    public override async IAsyncEnumerable<LibraryChange> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var change in Inner.WatchAsync(cancellationToken))
        {
            if (_hold is { Task.IsCompleted: false } hold)
            {
                _holding.TrySetResult();
                await hold.Task.WaitAsync(cancellationToken);
            }
            yield return change;
        }
    }
}
