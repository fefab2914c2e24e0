using TacticalRag.Api.Answering;
using TacticalRag.Api.Passages;

namespace TacticalRag.UnitTests.Passages;

public sealed class ExcerptMarkdownTests
{
    [Fact]
    public void MatchedWordsAreBoldAndNeighboursJoin()
    {
        var markdown = ExcerptMarkdown.Bold("Battery life is 18 hours.", [new TextHighlight(0, 7), new TextHighlight(8, 4)]);

        Assert.Equal("**Battery life** is 18 hours.", markdown);
    }

    [Fact]
    public void ThePassagesOwnMarkdownIsEscapedSoItCannotBreakTheMarksOrPoseAsACitation()
    {
        var markdown = ExcerptMarkdown.Bold("See [2] and *note* on battery_life", [new TextHighlight(22, 7)]);

        Assert.Equal(@"See \[2\] and \*note\* on **battery**\_life", markdown);
    }

    [Fact]
    public void HighlightsOutsideTheTextAreIgnored() =>
        Assert.Equal("short", ExcerptMarkdown.Bold("short", [new TextHighlight(3, 10), new TextHighlight(-1, 2)]));
}
