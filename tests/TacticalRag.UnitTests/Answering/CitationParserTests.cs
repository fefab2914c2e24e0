using TacticalRag.Api.Answering;

namespace TacticalRag.UnitTests.Answering;

public sealed class CitationParserTests
{
    [Theory]
    [InlineData("The battery lasts 18 hours [1].", new[] { 1 })]
    [InlineData("Use GRANITE [2][1] and QUARTZ [2].", new[] { 2, 1 })]
    [InlineData("Both apply [1, 3] and [3; 2].", new[] { 1, 3, 2 })]
    [InlineData("Out of range [7] and [0] are ignored, [2] is kept.", new[] { 2 })]
    [InlineData("No markers here, nor in [a] or [12a].", new int[0])]
    public void CitedIndexesAreReadInOrderOfFirstAppearance(string answer, int[] expected) =>
        Assert.Equal(expected, CitationParser.CitedIndexes(answer, sourceCount: 3));

    [Fact]
    public void CitedSourcesKeepTheirNumbersEvenWhenSomeAreMissing()
    {
        Citation[] sources = [Source(1), Source(3)];

        var cited = CitationParser.Cited("See [3].", sources);

        Assert.Equal([3], cited.Select(c => c.Index));
    }

    private static Citation Source(int index) => new(index, "d", "t", $"d-{index}", "text", null, null);
}
