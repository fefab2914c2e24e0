using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.Api.Ingestion;

/// <summary>
/// Reads the whole library into a fresh <see cref="SearchIndex"/> and swaps it in, so searches see the old library
/// or the new one, never a partial one.
/// </summary>
public sealed partial class LibraryIndexLoader(
    ILibraryStore store, ISearchIndexWriter index, EmbeddingQueue embeddings, TimeProvider time, ILogger<LibraryIndexLoader> logger)
{
    /// <summary>False where the library's engine is its own index (PostgreSQL): nothing to load or follow.</summary>
    public bool HoldsLibraryCopy => index.HoldsLibraryCopy;

    /// <summary>Queues the documents a restart interrupted mid-embedding.</summary>
    public async Task ResumeEmbeddingAsync(CancellationToken cancellationToken)
    {
        foreach (var document in await store.ListDocumentsAsync(cancellationToken))
        {
            if (document.Status == DocumentStatus.Indexing)
            {
                embeddings.Enqueue(document.Id); // resume an ingestion a restart interrupted
            }
        }
    }

    /// <summary>Loads and swaps in; returns the library version the loaded index reflects (at least).</summary>
    public async Task<long> LoadAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        // Read before the load: every change after this version is applied again from the stream, which is harmless.
        var version = await store.GetVersionAsync(cancellationToken);
        await index.ReplaceAllAsync(store.LoadAllAsync(cancellationToken), cancellationToken);
        await ResumeEmbeddingAsync(cancellationToken);
        LogLoaded(logger, index.Count, version, time.GetElapsedTime(started).TotalSeconds);
        return version;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index loaded: {Chunks} chunks at library version {Version} in {Seconds:0.0} s")]
    private static partial void LogLoaded(ILogger logger, int chunks, long version, double seconds);
}
