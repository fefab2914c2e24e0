using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;
using static TacticalRag.UnitTests.Retrieval.SearchIndexTests;

namespace TacticalRag.UnitTests.Retrieval;

public sealed class SearchIndexSwapTests : IDisposable
{
    private readonly SearchIndex _index = new(dimensions: 2);

    [Fact]
    public void AReloadedLibraryReplacesTheOldOneWholeAndNothingOfTheOldRemains()
    {
        _index.AddRange([Chunk("deleted", 0, "Radio checks every hour.", [1f, 0f]), Chunk("kept", 0, "Fuel reports daily.")]);
        using var reloaded = new SearchIndex(dimensions: 2);
        reloaded.AddRange([Chunk("kept", 0, "Fuel reports daily.", [0f, 1f]), Chunk("new", 0, "Radio nets at dawn.")]);

        _index.ReplaceWith(reloaded);

        Assert.Equal(["kept", "new"], _index.DocumentIds().Order());
        Assert.Equal(["new-00000"], _index.SearchKeywords("radio", 5).Select(h => h.ChunkId));
        Assert.Equal(["kept-00000"], _index.SearchVectors([1f, 0f], 5).Select(h => h.ChunkId));
        Assert.Null(_index.GetChunk("deleted-00000"));
        Assert.Equal(0, reloaded.Count);
    }

    [Fact]
    public void ReplacingADocumentDropsItsOldVectorsAndChunks()
    {
        _index.AddRange([Chunk("doc", 0, "Radio.", [1f, 0f]), Chunk("doc", 1, "Fuel.", [0f, 1f])]);

        _index.ReplaceDocument("doc", [Chunk("doc", 0, "Radio.")]);

        Assert.Equal(1, _index.Count);
        Assert.Equal(0, _index.VectorCount);
        Assert.False(_index.HasVectors("doc", ["doc-00000"]));
    }

    [Fact]
    public void TheIndexTellsWhetherItHoldsTheVectorsOfNamedChunks()
    {
        _index.AddRange([Chunk("doc", 0, "Radio."), Chunk("doc", 1, "Fuel.")]);
        _index.SetVectors("doc", [new ChunkVector("doc-00000", [1f, 0f])]);

        Assert.True(_index.HasVectors("doc", ["doc-00000"]));
        Assert.False(_index.HasVectors("doc", ["doc-00000", "doc-00001"]));
        Assert.False(_index.HasVectors("other", ["other-00000"]));
    }

    public void Dispose() => _index.Dispose();
}
