using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.UnitTests.Retrieval;

public sealed class SearchIndexTests : IDisposable
{
    private readonly SearchIndex _index = new(dimensions: 2);

    [Fact]
    public void ChunksAreSearchableByKeywordsAtOnceAndByVectorOnceTheirVectorsArrive()
    {
        _index.AddRange([Chunk("doc", 0, "Radio checks every hour."), Chunk("doc", 1, "Fuel reports daily.")]);

        Assert.Equal(2, _index.Count);
        Assert.Equal(0, _index.VectorCount);
        Assert.Equal(["doc-00000"], _index.SearchKeywords("radio", 5).Select(h => h.ChunkId));
        Assert.Empty(_index.SearchVectors([1f, 0f], 5));

        var taken = _index.SetVectors("doc", [new ChunkVector("doc-00000", [1f, 0f]), new ChunkVector("doc-00001", [0f, 1f])]);

        Assert.Equal(2, taken);
        Assert.Equal("doc-00000", _index.SearchVectors([1f, 0f], 5)[0].ChunkId);
    }

    [Fact]
    public void ChunksAddedWithVectorsAreSearchableBothWays()
    {
        _index.Add(Chunk("doc", 0, "Radio checks every hour.", [0f, 1f]));

        var (keyword, dense) = _index.Search("radio", new float[] { 0f, 1f }, 5);

        Assert.Equal(["doc-00000"], keyword.Select(h => h.ChunkId));
        Assert.Equal(["doc-00000"], dense.Select(h => h.ChunkId));
        Assert.Null(_index.GetChunk("doc-00000")!.Vector);
    }

    [Fact]
    public void VectorsOfChunksItDoesNotHoldAreIgnored()
    {
        _index.Add(Chunk("doc", 0, "Radio."));

        Assert.Equal(0, _index.SetVectors("deleted", [new ChunkVector("deleted-00000", [1f, 0f])]));
        Assert.Equal(0, _index.SetVectors("doc", [new ChunkVector("doc-00009", [1f, 0f])]));
        Assert.Equal(0, _index.VectorCount);
    }

    [Fact]
    public void RemovingADocumentRemovesItsTextVectorsAndMetadata()
    {
        _index.AddRange([Chunk("gone", 0, "Radio checks.", [1f, 0f]), Chunk("kept", 0, "Radio nets.", [1f, 0f])]);

        Assert.True(_index.RemoveDocument("gone"));

        Assert.Equal(1, _index.Count);
        Assert.Equal(1, _index.VectorCount);
        Assert.Null(_index.GetChunk("gone-00000"));
        Assert.Equal(["kept-00000"], _index.SearchKeywords("radio", 5).Select(h => h.ChunkId));
        Assert.Equal(["kept-00000"], _index.SearchVectors([1f, 0f], 5).Select(h => h.ChunkId));
        Assert.False(_index.RemoveDocument("gone"));
    }

    [Fact]
    public void TheTitleAndSectionAreSearchableKeywords()
    {
        _index.Add(new IndexedChunk(new DocumentChunk("m-00000", "m", 0, "Check it hourly.", "Antenna grounding", 3, 4), "Field radio manual", null));

        Assert.Equal(["m-00000"], _index.SearchKeywords("manual", 5).Select(h => h.ChunkId));
        Assert.Equal(["m-00000"], _index.SearchKeywords("grounding", 5).Select(h => h.ChunkId));
    }

    internal static IndexedChunk Chunk(string documentId, int ordinal, string text, float[]? vector = null) =>
        new(new DocumentChunk(DocumentChunk.MakeId(documentId, ordinal), documentId, ordinal, text, null, null, 5), $"Title of {documentId}", vector);

    public void Dispose() => _index.Dispose();
}
