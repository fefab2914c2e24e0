using TacticalRag.Api.Library;
using TacticalRag.Api.Storage;
using static TacticalRag.Api.Tests.Storage.LibrarySamples;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>What every <see cref="ILibraryStore"/> must do; each implementation's test class runs all of it.</summary>
public abstract class LibraryStoreContract : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected ILibraryStore Store { get; private set; } = null!;

    /// <summary>A new store instance over this test's data, as a restarted API would open it.</summary>
    protected abstract Task<ILibraryStore> OpenStoreAsync();

    public virtual async Task InitializeAsync() => Store = await OpenStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The size of the sample vectors; a store with a typed vector column (PostgreSQL) takes its model's.</summary>
    protected virtual int SampleDimensions => 8;

    /// <summary>Values a text format would bend (see <see cref="LibrarySamples.AwkwardVector"/>), as far as the store can hold them.</summary>
    protected virtual float[] AwkwardVector() => LibrarySamples.AwkwardVector();

    private List<ChunkVector> Vectors(IEnumerable<DocumentChunk> chunks) => LibrarySamples.Vectors(chunks, SampleDimensions);

    [Fact]
    public async Task AddedDocumentReadsBackWithItsChunksInOrder()
    {
        var id = NewId();
        var chunks = Chunks(id, 5);

        Assert.True(await Store.TryAddDocumentAsync(Document(id, chunks: 5), chunks, None));

        Assert.Equal(Document(id, chunks: 5), await Store.GetDocumentAsync(id, None));
        Assert.Equal(chunks, await Store.GetChunksAsync(id, None));
    }

    [Fact]
    public async Task LanguagesOfADocumentAndItsChunksReadBackAfterARestartAndAnUnknownOneStaysUnknown()
    {
        var id = NewId();
        // Chunks of a document mixing languages, and one whose language is unknown (as every chunk stored before
        // detection existed).
        var chunks = Chunks(id, 3).Select((c, i) => c with { Language = i switch { 0 => "en", 1 => "de", _ => null } }).ToList();
        var document = Document(id, chunks: 3) with { Languages = ["en", "de"] };

        Assert.True(await Store.TryAddDocumentAsync(document, chunks, None));
        var reopened = await OpenStoreAsync();

        Assert.Equal(chunks, await reopened.GetChunksAsync(id, None));
        Assert.Equal(["en", "de"], (await reopened.GetDocumentAsync(id, None))!.Languages);
        Assert.Null((await reopened.GetChunksAsync(id, None))[2].Language);
    }

    [Fact]
    public async Task DocumentsAreListedNewestFirst()
    {
        var (old, middle, recent) = (NewId(), NewId(), NewId());
        await Store.TryAddDocumentAsync(Document(middle, Monday.AddHours(1)), Chunks(middle, 1), None);
        await Store.TryAddDocumentAsync(Document(recent, Monday.AddDays(3)), Chunks(recent, 1), None);
        await Store.TryAddDocumentAsync(Document(old, Monday), Chunks(old, 1), None);

        var listed = await Store.ListDocumentsAsync(None);

        Assert.Equal([recent, middle, old], listed.Select(d => d.Id));
    }

    [Fact]
    public async Task AddingAnExistingIdIsRefusedAndKeepsTheFirstDocument()
    {
        var id = NewId();
        await Store.TryAddDocumentAsync(Document(id, chunks: 2), Chunks(id, 2), None);
        var version = await Store.GetVersionAsync(None);

        var second = Document(id, chunks: 4) with { Title = "Uploaded again under another name" };
        Assert.False(await Store.TryAddDocumentAsync(second, Chunks(id, 4), None));

        Assert.Equal("Radio procedures " + id, (await Store.GetDocumentAsync(id, None))!.Title);
        Assert.Equal(2, (await Store.GetChunksAsync(id, None)).Count);
        Assert.Equal(version, await Store.GetVersionAsync(None));
    }

    [Fact]
    public async Task UpdateChangesStatusProgressAndErrorAndCanClearTheError()
    {
        var id = NewId();
        await Store.TryAddDocumentAsync(Document(id), Chunks(id, 3), None);

        var failed = Document(id) with { Status = DocumentStatus.Failed, Progress = 0.37, Error = "embedder crashed" };
        Assert.True(await Store.UpdateDocumentAsync(failed, None));
        Assert.Equal(failed, await Store.GetDocumentAsync(id, None));

        var ready = failed with { Status = DocumentStatus.Ready, Progress = 1, Error = null };
        Assert.True(await Store.UpdateDocumentAsync(ready, None));
        Assert.Equal(ready, await Store.GetDocumentAsync(id, None));
    }

    [Fact]
    public async Task UpdatingADeletedDocumentReturnsFalseAndDoesNotBringItBack()
    {
        var id = NewId();
        await Store.TryAddDocumentAsync(Document(id), Chunks(id, 1), None);
        await Store.DeleteDocumentAsync(id, None);

        Assert.False(await Store.UpdateDocumentAsync(Document(id) with { Status = DocumentStatus.Ready }, None));
        Assert.Null(await Store.GetDocumentAsync(id, None));
    }

    [Fact]
    public async Task VectorsRoundTripBitForBit()
    {
        var id = NewId();
        var chunks = Chunks(id, 3);
        await Store.TryAddDocumentAsync(Document(id), chunks, None);
        var saved = new List<ChunkVector>
        {
            new(chunks[0].Id, AwkwardVector()),
            new(chunks[1].Id, Vector(7, 384)),
        };

        await Store.SaveVectorsAsync(id, saved, None);

        var read = await Store.GetVectorsAsync(id, None);
        Assert.Equal([chunks[0].Id, chunks[1].Id], read.Select(v => v.ChunkId));
        Assert.All(saved.Zip(read), pair => Assert.True(SameBits(pair.First.Vector, pair.Second.Vector), pair.First.ChunkId));
    }

    [Fact]
    public async Task VectorsSavedInBatchesAccumulateAndALaterSaveReplacesAChunksVector()
    {
        var id = NewId();
        var chunks = Chunks(id, 4);
        await Store.TryAddDocumentAsync(Document(id, chunks: 4), chunks, None);

        await Store.SaveVectorsAsync(id, Vectors(chunks.Take(2)), None);
        await Store.SaveVectorsAsync(id, Vectors(chunks.Skip(2)), None);
        await Store.SaveVectorsAsync(id, [new ChunkVector(chunks[0].Id, AwkwardVector())], None);

        var read = await Store.GetVectorsAsync(id, None);
        Assert.Equal(chunks.Select(c => c.Id), read.Select(v => v.ChunkId));
        Assert.True(SameBits(AwkwardVector(), read[0].Vector));
        Assert.True(SameBits(Vectors(chunks)[3].Vector, read[3].Vector));
    }

    [Fact]
    public async Task VectorsForADocumentThatIsGoneAreIgnored()
    {
        var id = NewId();
        var version = await Store.GetVersionAsync(None);

        await Store.SaveVectorsAsync(id, Vectors(Chunks(id, 2)), None);

        Assert.Null(await Store.GetDocumentAsync(id, None));
        Assert.Empty(await Store.GetVectorsAsync(id, None));
        Assert.Equal(version, await Store.GetVersionAsync(None));
    }

    [Fact]
    public async Task DeleteRemovesTheDocumentItsChunksAndItsVectors()
    {
        var (gone, kept) = (NewId(), NewId());
        await Store.TryAddDocumentAsync(Document(gone), Chunks(gone, 3), None);
        await Store.TryAddDocumentAsync(Document(kept), Chunks(kept, 2), None);
        await Store.SaveVectorsAsync(gone, Vectors(Chunks(gone, 3)), None);

        Assert.True(await Store.DeleteDocumentAsync(gone, None));

        Assert.Null(await Store.GetDocumentAsync(gone, None));
        Assert.Empty(await Store.GetChunksAsync(gone, None));
        Assert.Empty(await Store.GetVectorsAsync(gone, None));
        Assert.Equal([kept], (await Store.ListDocumentsAsync(None)).Select(d => d.Id));
        Assert.DoesNotContain(await LoadAllAsync(), c => c.Chunk.DocumentId == gone);
        Assert.False(await Store.DeleteDocumentAsync(gone, None));
    }

    [Fact]
    public async Task ADocumentAddedAgainAfterDeletionStartsWithoutTheOldVectors()
    {
        var id = NewId();
        await Store.TryAddDocumentAsync(Document(id), Chunks(id, 2), None);
        await Store.SaveVectorsAsync(id, Vectors(Chunks(id, 2)), None);
        await Store.DeleteDocumentAsync(id, None);

        Assert.True(await Store.TryAddDocumentAsync(Document(id), Chunks(id, 2), None));

        Assert.Empty(await Store.GetVectorsAsync(id, None));
    }

    [Fact]
    public async Task UnknownOrMalformedIdsReadAsMissing()
    {
        foreach (var id in new[] { NewId(), "../../etc/passwd", "a b", "" })
        {
            Assert.Null(await Store.GetDocumentAsync(id, None));
            Assert.Empty(await Store.GetChunksAsync(id, None));
            Assert.Empty(await Store.GetVectorsAsync(id, None));
            Assert.False(await Store.DeleteDocumentAsync(id, None));
        }
    }

    [Fact]
    public async Task LoadAllReturnsEveryChunkWithItsVectorWhereOneWasSaved()
    {
        // Large enough to span several of the Redis loader's pages and rounds.
        var (large, small, unembedded) = (NewId(), NewId(), NewId());
        var largeChunks = Chunks(large, 2_500);
        await Store.TryAddDocumentAsync(Document(large, chunks: 2_500), largeChunks, None);
        await Store.TryAddDocumentAsync(Document(small, chunks: 3), Chunks(small, 3), None);
        await Store.TryAddDocumentAsync(Document(unembedded, chunks: 2), Chunks(unembedded, 2), None);
        await Store.SaveVectorsAsync(large, Vectors(largeChunks.Where(c => c.Ordinal % 10 != 0)), None);
        await Store.SaveVectorsAsync(small, Vectors(Chunks(small, 3)), None);

        var loaded = (await LoadAllAsync()).ToDictionary(c => c.Chunk.Id);

        Assert.Equal(2_505, loaded.Count);
        Assert.All(largeChunks, chunk =>
        {
            var item = loaded[chunk.Id];
            Assert.Equal(chunk, item.Chunk);
            Assert.Equal("Radio procedures " + large, item.Title);
            Assert.Equal(chunk.Ordinal % 10 != 0, item.Vector is not null);
        });
        Assert.True(SameBits(Vector(2, SampleDimensions), loaded[DocumentChunk.MakeId(small, 2)].Vector));
        Assert.Null(loaded[DocumentChunk.MakeId(unembedded, 0)].Vector);
    }

    [Fact]
    public async Task VersionGoesUpByOneOnEveryLibraryChange()
    {
        var id = NewId();
        var versions = new List<long> { await Store.GetVersionAsync(None) };

        await Store.TryAddDocumentAsync(Document(id), Chunks(id, 2), None);
        versions.Add(await Store.GetVersionAsync(None));
        await Store.UpdateDocumentAsync(Document(id) with { Status = DocumentStatus.Ready }, None);
        versions.Add(await Store.GetVersionAsync(None));
        await Store.DeleteDocumentAsync(id, None);
        versions.Add(await Store.GetVersionAsync(None));

        Assert.All(versions.Zip(versions.Skip(1)), pair => Assert.Equal(pair.First + 1, pair.Second));
    }

    [Fact]
    public async Task EmbeddingProgressIsRecordedWithoutChangingTheVersion()
    {
        var id = NewId();
        var chunks = Chunks(id, 4);
        await Store.TryAddDocumentAsync(Document(id, chunks: 4), chunks, None);
        var version = await Store.GetVersionAsync(None);

        await Store.SaveVectorsAsync(id, Vectors(chunks.Take(2)), None);
        Assert.True(await Store.UpdateProgressAsync(id, 0.5, None));
        await Store.SaveVectorsAsync(id, Vectors(chunks.Skip(2)), None);
        Assert.True(await Store.UpdateProgressAsync(id, 1, None));

        Assert.Equal(version, await Store.GetVersionAsync(None));
        Assert.Equal(Document(id, chunks: 4) with { Progress = 1 }, await Store.GetDocumentAsync(id, None));
        Assert.Equal(4, (await Store.GetVectorsAsync(id, None)).Count);
    }

    [Fact]
    public async Task ProgressOfADocumentThatIsGoneIsRefusedAndDoesNotBringItBack()
    {
        var id = NewId();

        Assert.False(await Store.UpdateProgressAsync(id, 0.5, None));

        Assert.Null(await Store.GetDocumentAsync(id, None));
    }

    [Fact]
    public async Task WatchSeesTheLibraryChangesMadeAfterItStartedInOrderAndTheNewVectors()
    {
        var (before, after) = (NewId(), NewId());
        await Store.TryAddDocumentAsync(Document(before), Chunks(before, 1), None);
        await using var watch = new ChangeWatch(Store);

        await Store.TryAddDocumentAsync(Document(after), Chunks(after, 2), None);
        await Store.SaveVectorsAsync(after, Vectors(Chunks(after, 2)), None);
        await Store.UpdateDocumentAsync(Document(after) with { Status = DocumentStatus.Ready, Progress = 1 }, None);
        await Store.DeleteDocumentAsync(after, None);
        var version = await Store.GetVersionAsync(None);

        // Vectors are progress, outside the versioned sequence: where their notice falls among the others is not promised.
        var changes = await watch.NextAsync(4);
        var versioned = changes.Where(c => c.IsVersioned).ToList();
        Assert.Equal([LibraryChangeKind.DocumentAdded, LibraryChangeKind.DocumentUpdated, LibraryChangeKind.DocumentDeleted], versioned.Select(c => c.Kind));
        Assert.Equal([version - 2, version - 1, version], versioned.Select(c => c.Version));
        var vectors = Assert.Single(changes, c => !c.IsVersioned);
        Assert.Equal(LibraryChangeKind.VectorsAdded, vectors.Kind);
        Assert.Equal(Chunks(after, 2).Select(c => c.Id), vectors.ChunkIds!);
        Assert.All(changes, c => Assert.Equal(after, c.DocumentId));
    }

    [Fact]
    public async Task TheLibrarysEmbeddingModelIsRecordedAndCanChange()
    {
        Assert.Null(await Store.GetEmbeddingModelAsync(None));

        await Store.SetEmbeddingModelAsync("all-MiniLM-L6-v2", None);
        Assert.Equal("all-MiniLM-L6-v2", await Store.GetEmbeddingModelAsync(None));

        await Store.SetEmbeddingModelAsync("snowflake-arctic-embed-xs", None);
        Assert.Equal("snowflake-arctic-embed-xs", await Store.GetEmbeddingModelAsync(None));
    }

    [Fact]
    public async Task RestartingADocumentsEmbeddingDropsItsVectorsAndRecordsTheNewModel()
    {
        var id = NewId();
        var chunks = Chunks(id, 3);
        await Store.TryAddDocumentAsync(Document(id), chunks, None);
        await Store.SaveVectorsAsync(id, Vectors(chunks), None);
        await Store.UpdateDocumentAsync(Document(id) with { Status = DocumentStatus.Ready, Progress = 1 }, None);
        await using var watch = new ChangeWatch(Store);
        var restarted = Document(id) with { Status = DocumentStatus.Indexing, Progress = 0, EmbeddingModel = "snowflake-arctic-embed-xs" };

        Assert.True(await Store.RestartEmbeddingAsync(restarted, None));

        Assert.Empty(await Store.GetVectorsAsync(id, None));
        Assert.Equal(restarted, await Store.GetDocumentAsync(id, None));
        Assert.Equal(chunks, await Store.GetChunksAsync(id, None));
        Assert.All((await LoadAllAsync()).Where(c => c.Chunk.DocumentId == id), c => Assert.Null(c.Vector));
        Assert.Equal(LibraryChangeKind.DocumentUpdated, Assert.Single(await watch.NextAsync(1)).Kind);
        Assert.False(await Store.RestartEmbeddingAsync(Document(NewId()), None));
    }

    [Fact]
    public async Task EverythingSurvivesANewStoreInstance()
    {
        var id = NewId();
        var chunks = Chunks(id, 3);
        await Store.SetEmbeddingModelAsync("all-MiniLM-L6-v2", None);
        await Store.TryAddDocumentAsync(Document(id) with { EmbeddingModel = "all-MiniLM-L6-v2" }, chunks, None);
        await Store.SaveVectorsAsync(id, [new ChunkVector(chunks[1].Id, AwkwardVector())], None);
        var version = await Store.GetVersionAsync(None);

        var reopened = await OpenStoreAsync();

        Assert.Equal(Document(id) with { EmbeddingModel = "all-MiniLM-L6-v2" }, await reopened.GetDocumentAsync(id, None));
        Assert.Equal(chunks, await reopened.GetChunksAsync(id, None));
        Assert.True(SameBits(AwkwardVector(), Assert.Single(await reopened.GetVectorsAsync(id, None)).Vector));
        Assert.Equal(version, await reopened.GetVersionAsync(None));
        Assert.Equal("all-MiniLM-L6-v2", await reopened.GetEmbeddingModelAsync(None));
        Assert.True(await reopened.TryAddDocumentAsync(Document(NewId()), [], None));
        Assert.Equal(version + 1, await reopened.GetVersionAsync(None));
    }

    private async Task<List<IndexedChunk>> LoadAllAsync()
    {
        var loaded = new List<IndexedChunk>();
        await foreach (var chunk in Store.LoadAllAsync(None))
        {
            loaded.Add(chunk);
        }
        return loaded;
    }
}
