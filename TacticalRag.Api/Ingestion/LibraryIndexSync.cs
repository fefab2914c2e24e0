using System.Threading.Channels;
using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;
using TacticalRag.Api.Storage;

namespace TacticalRag.Api.Ingestion;

/// <summary>
/// Keeps this replica's in-memory search index equal to the library: loads everything at start, then follows the
/// change stream, so uploads and deletes made through any replica show up here. Applying a change twice is harmless,
/// which is what makes this replica's own changes (applied directly, then seen again on the stream) safe.
/// </summary>
public sealed partial class LibraryIndexSync(
    ILibraryStore store,
    SearchIndex index,
    EmbeddingQueue embeddings,
    EmbeddingModelSwitch modelSwitch,
    ILogger<LibraryIndexSync> logger) : BackgroundService
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the index holds everything that was in the store at start.</summary>
    public Task Loaded => _loaded.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await StorageRetry.UntilAvailableAsync(modelSwitch.EnsureAsync, logger, "checking the embedding model", stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(stoppingToken);
                return; // the stream ended: the app is stopping
            }
            catch (Exception exception) when (StorageFailures.IsUnavailable(exception) && !stoppingToken.IsCancellationRequested)
            {
                // The change stream broke off: changes may have been missed, so load everything again and follow anew.
                LogResync(logger, exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task FollowAsync(CancellationToken stoppingToken)
    {
        // Watch first, load second: a change made while loading is then seen on the stream instead of lost.
        var changes = Channel.CreateUnbounded<LibraryChange>();
        var watching = WatchAsync(changes.Writer, stoppingToken);
        await StorageRetry.UntilAvailableAsync(LoadAsync, logger, "loading the search index", stoppingToken);
        _loaded.TrySetResult();

        while (await changes.Reader.WaitToReadAsync(stoppingToken))
        {
            // Drain what has arrived and fetch each document's vectors once per drain, not once per batch event.
            HashSet<string> vectorsChanged = [];
            while (changes.Reader.TryRead(out var change))
            {
                if (change.Kind == LibraryChangeKind.VectorsAdded)
                {
                    if (!embeddings.EmbeddedHere(change.DocumentId)) vectorsChanged.Add(change.DocumentId);
                }
                else await StorageRetry.UntilAvailableAsync(token => ApplyAsync(change, vectorsChanged, token), logger, "following a library change", stoppingToken);
            }
            foreach (var documentId in vectorsChanged)
            {
                var vectors = await StorageRetry.UntilAvailableAsync(token => store.GetVectorsAsync(documentId, token), logger, "reading new vectors", stoppingToken);
                index.SetVectors(documentId, vectors);
            }
        }
        await watching;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var documentId in index.DocumentIds())
        {
            index.RemoveDocument(documentId); // a retried load starts clean
        }
        var started = TimeProvider.System.GetTimestamp();
        List<IndexedChunk> batch = [];
        await foreach (var chunk in store.LoadAllAsync(cancellationToken))
        {
            batch.Add(chunk);
            if (batch.Count == 5000)
            {
                index.AddRange(batch);
                batch.Clear();
            }
        }
        index.AddRange(batch);
        foreach (var document in await store.ListDocumentsAsync(cancellationToken))
        {
            if (document.Status == DocumentStatus.Indexing)
            {
                embeddings.Enqueue(document.Id); // resume an ingestion a restart interrupted
            }
        }
        LogLoaded(logger, index.Count, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
    }

    private async Task WatchAsync(ChannelWriter<LibraryChange> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in store.WatchAsync(cancellationToken))
            {
                await writer.WriteAsync(change, cancellationToken);
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task ApplyAsync(LibraryChange change, HashSet<string> vectorsChanged, CancellationToken cancellationToken)
    {
        switch (change.Kind)
        {
            case LibraryChangeKind.DocumentAdded when !index.ContainsDocument(change.DocumentId):
                if (await store.GetDocumentAsync(change.DocumentId, cancellationToken) is { } document)
                {
                    var chunks = await store.GetChunksAsync(change.DocumentId, cancellationToken);
                    index.AddRange(chunks.Select(c => new IndexedChunk(c, document.Title, null)));
                }
                break;
            case LibraryChangeKind.DocumentDeleted:
                vectorsChanged.Remove(change.DocumentId);
                embeddings.Forget(change.DocumentId);
                index.RemoveDocument(change.DocumentId);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Library change stream broke off ({Problem}); reloading the search index")]
    private static partial void LogResync(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index loaded: {Chunks} chunks in {Seconds:0.0} s")]
    private static partial void LogLoaded(ILogger logger, int chunks, double seconds);
}
