using TacticalRag.Api.Library;
using TacticalRag.Api.Storage.Files;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>The library contract on a local data folder of the test's own.</summary>
public sealed class FileLibraryStoreTests : LibraryStoreContract
{
    private readonly DirectoryInfo _dataPath = Directory.CreateTempSubdirectory("trag-files-");

    protected override Task<ILibraryStore> OpenStoreAsync() =>
        Task.FromResult<ILibraryStore>(new FileLibraryStore(StoreFactory.Options(dataPath: _dataPath.FullName)));

    public override Task DisposeAsync()
    {
        _dataPath.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ADocumentIsOneJsonFileWithItsChunksBesideItAndNoTemporaryFilesRemain()
    {
        var id = LibrarySamples.NewId();
        await Store.TryAddDocumentAsync(LibrarySamples.Document(id), LibrarySamples.Chunks(id, 2), CancellationToken.None);
        await Store.SaveVectorsAsync(id, LibrarySamples.Vectors(LibrarySamples.Chunks(id, 2)), CancellationToken.None);

        var files = _dataPath.EnumerateFiles("*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_dataPath.FullName, f.FullName))
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            [$"library/chunks/{id}.json", $"library/documents/{id}.json", "library/vectors/" + id + ".bin", "library/version"],
            files);
    }

    [Fact]
    public async Task AVectorFileCutShortByACrashStillYieldsTheWholeFramesBeforeTheCut()
    {
        var id = LibrarySamples.NewId();
        var chunks = LibrarySamples.Chunks(id, 2);
        await Store.TryAddDocumentAsync(LibrarySamples.Document(id), chunks, CancellationToken.None);
        await Store.SaveVectorsAsync(id, LibrarySamples.Vectors(chunks.Take(1)), CancellationToken.None);
        await Store.SaveVectorsAsync(id, LibrarySamples.Vectors(chunks.Skip(1)), CancellationToken.None);
        var vectorFile = Path.Combine(_dataPath.FullName, "library", "vectors", id + ".bin");
        await using (var file = new FileStream(vectorFile, FileMode.Open))
        {
            file.SetLength(file.Length - 5);
        }

        var read = await (await OpenStoreAsync()).GetVectorsAsync(id, CancellationToken.None);

        Assert.Equal([chunks[0].Id], read.Select(v => v.ChunkId));
    }
}
