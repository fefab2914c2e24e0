using TacticalRag.Api.Retrieval;

namespace TacticalRag.UnitTests.Retrieval;

public sealed class Bm25IndexTests : IDisposable
{
    private readonly Bm25Index _index = new();

    public Bm25IndexTests() => _index.AddOrReplace(
    [
        ("radio-1", "radio", "Perform a radio check with the net control station every hour."),
        ("radio-2", "radio", "The antenna must be grounded before transmitting."),
        ("fuel-1", "fuel", "Generators are refuelled only when cold, never while running."),
        ("fuel-2", "fuel", "Report fuel consumption to the logistics officer daily."),
    ]);

    [Fact]
    public void FindsPassagesByStemmedTermsBestFirst()
    {
        var hits = _index.Search("radios checked hourly", 10);

        Assert.Equal("radio-1", hits[0].ChunkId);
        Assert.True(hits[0].Score > 0);
    }

    [Fact]
    public void AnyTermMatchesBecauseTermsAreOred()
    {
        var hits = _index.Search("antenna consumption", 10);

        Assert.Equal(["fuel-2", "radio-2"], hits.Select(h => h.ChunkId).Order());
    }

    [Theory]
    [InlineData("What is the radio check?")]
    [InlineData("radio: check")]
    [InlineData("\"radio check")]
    [InlineData("(radio) [check] {net}")]
    [InlineData("radio AND NOT check OR")]
    [InlineData("radio && check || !net")]
    [InlineData("radio^2 check~ net* /station/ + - \\")]
    public void QuerySyntaxInUserTextIsSearchedLiterallyNotParsed(string query)
    {
        var hits = _index.Search(query, 10);

        Assert.Equal("radio-1", hits[0].ChunkId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the of and")]
    [InlineData("?:\"()")]
    public void QueriesWithNothingToSearchFindNothing(string query) => Assert.Empty(_index.Search(query, 10));

    [Fact]
    public void RemovingADocumentRemovesItsPassagesFromTheNextSearch()
    {
        Assert.NotEmpty(_index.Search("fuel generators", 10));

        _index.RemoveDocument("fuel");

        Assert.Empty(_index.Search("fuel generators", 10));
        Assert.NotEmpty(_index.Search("radio", 10));
    }

    [Fact]
    public void AddingAPassageWithAnExistingIdReplacesIt()
    {
        _index.AddOrReplace([("radio-2", "radio", "Camouflage nets are inspected weekly.")]);

        Assert.Empty(_index.Search("antenna", 10));
        Assert.Equal(["radio-2"], _index.Search("camouflage", 10).Select(h => h.ChunkId));
    }

    [Fact]
    public void APassageIsSearchableAsSoonAsItIsAdded()
    {
        Assert.Empty(_index.Search("tourniquet", 10));

        _index.AddOrReplace([("med-1", "med", "Apply a tourniquet above the wound.")]);

        Assert.Equal(["med-1"], _index.Search("tourniquet", 10).Select(h => h.ChunkId));
    }

    public void Dispose() => _index.Dispose();
}
