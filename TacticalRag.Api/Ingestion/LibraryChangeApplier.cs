using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.Api.Ingestion;

/// <summary>
/// Applies one replica's view of a library change to its index, reading what the change refers to from the store.
/// Every step is idempotent: a change applied twice (this replica's own, or one already in a load) does no harm.
/// </summary>
public sealed class LibraryChangeApplier(ILibraryStore store, ISearchIndexWriter index)
{
    public async Task ApplyAsync(LibraryChange change, CancellationToken cancellationToken)
    {
        switch (change.Kind)
        {
            case LibraryChangeKind.DocumentAdded when !index.ContainsDocument(change.DocumentId):
            case LibraryChangeKind.DocumentUpdated:
                // An update may have dropped the vectors (re-embedding) or finished them (ready): take the document
                // as the store has it now.
                await RefreshDocumentAsync(change.DocumentId, cancellationToken);
                break;
            case LibraryChangeKind.DocumentDeleted:
                index.RemoveDocument(change.DocumentId);
                break;
        }
    }

    /// <summary>
    /// New vectors of a document: read from the store unless the index has them all already (this replica embedded
    /// them, or a load read them). Skipping by what the index holds, not by who embedded, means vectors that missed
    /// the index (written into it just before a reload swapped it out) are fetched, not lost.
    /// </summary>
    public async Task ApplyVectorsAsync(string documentId, IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken)
    {
        if (!index.ContainsDocument(documentId) || index.HasVectors(documentId, chunkIds))
        {
            return;
        }
        index.SetVectors(documentId, await store.GetVectorsAsync(documentId, cancellationToken));
    }

    private async Task RefreshDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        if (await store.GetDocumentAsync(documentId, cancellationToken) is not { } document)
        {
            index.RemoveDocument(documentId);
            return;
        }
        var chunks = await store.GetChunksAsync(documentId, cancellationToken);
        var vectors = (await store.GetVectorsAsync(documentId, cancellationToken)).ToDictionary(v => v.ChunkId, v => v.Vector);
        index.ReplaceDocument(documentId, chunks.Select(c => new IndexedChunk(c, document.Title, vectors.GetValueOrDefault(c.Id))).ToList());
    }
}
