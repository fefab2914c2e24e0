using TacticalRag.Api.Library;
using TacticalRag.Api.Storage.Files;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>
/// The folder store's vector file after a crash mid-append: the API restarts, embedding resumes and appends again,
/// and every vector that was written whole must read back exactly, with nothing garbled and no failure at start.
/// </summary>
public sealed class FileVectorCrashTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly DirectoryInfo _dataPath = Directory.CreateTempSubdirectory("trag-vectors-");
    private readonly string _id = LibrarySamples.NewId();
    private readonly List<DocumentChunk> _chunks;

    public FileVectorCrashTests() => _chunks = LibrarySamples.Chunks(_id, 3);

    public void Dispose() => _dataPath.Delete(recursive: true);

    [Theory]
    [InlineData(2)] // the crash cut the next frame's length prefix
    [InlineData(9)] // ... its first chunk id
    [InlineData(-5)] // ... the last floats of its vector
    public async Task AnAppendAfterATornFrameKeepsEveryWholeVectorAndNothingGarbled(int keptOfTornFrame)
    {
        var store = await StoreWithFirstVectorAsync();
        var wholeLength = new FileInfo(VectorPath).Length;
        await store.SaveVectorsAsync(_id, LibrarySamples.Vectors(_chunks.Skip(1).Take(1)), None);
        var tornFrameLength = new FileInfo(VectorPath).Length - wholeLength;
        Cut(wholeLength + (keptOfTornFrame > 0 ? keptOfTornFrame : tornFrameLength + keptOfTornFrame));

        var restarted = Open();
        await restarted.SaveVectorsAsync(_id, LibrarySamples.Vectors(_chunks.Skip(2)), None);

        var read = (await Open().GetVectorsAsync(_id, None)).ToDictionary(v => v.ChunkId, v => v.Vector);
        Assert.Equal([_chunks[0].Id, _chunks[2].Id], read.Keys.Order(StringComparer.Ordinal));
        Assert.True(LibrarySamples.SameBits(LibrarySamples.Vector(0, 8), read[_chunks[0].Id]));
        Assert.True(LibrarySamples.SameBits(LibrarySamples.Vector(2, 8), read[_chunks[2].Id]));
    }

    [Fact]
    public async Task AMalformedFrameAtTheTailIsDroppedAndTheLibraryStillLoads()
    {
        await StoreWithFirstVectorAsync();
        // A whole length prefix over bytes that do not parse as a vector: an id length far past the frame's end.
        await using (var file = new FileStream(VectorPath, FileMode.Append))
        {
            file.Write([12, 0, 0, 0, 0xE8, 0x03, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
        }

        var loaded = new List<IndexedChunk>();
        await foreach (var chunk in Open().LoadAllAsync(None))
        {
            loaded.Add(chunk);
        }

        Assert.Equal(3, loaded.Count);
        Assert.True(LibrarySamples.SameBits(LibrarySamples.Vector(0, 8), loaded.Single(c => c.Chunk.Id == _chunks[0].Id).Vector));
        Assert.All(loaded.Where(c => c.Chunk.Id != _chunks[0].Id), c => Assert.Null(c.Vector));
    }

    private string VectorPath => Path.Combine(_dataPath.FullName, "library", "vectors", _id + ".bin");

    private FileLibraryStore Open() => new(StoreFactory.Options(dataPath: _dataPath.FullName));

    private async Task<FileLibraryStore> StoreWithFirstVectorAsync()
    {
        var store = Open();
        await store.TryAddDocumentAsync(LibrarySamples.Document(_id), _chunks, None);
        await store.SaveVectorsAsync(_id, LibrarySamples.Vectors(_chunks.Take(1)), None);
        return store;
    }

    private void Cut(long length)
    {
        using var file = new FileStream(VectorPath, FileMode.Open);
        file.SetLength(length);
    }
}
