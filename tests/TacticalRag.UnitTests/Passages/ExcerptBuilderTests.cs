using TacticalRag.Api.Passages;

namespace TacticalRag.UnitTests.Passages;

public sealed class ExcerptBuilderTests
{
    // Like the AN/PRC-990 manual's specifications chunk: the battery line comes after the first 400 characters.
    private const string RadioChunk =
        "The AN/PRC-990 is a manpack radio for company and platoon nets. It covers 30 to 512 MHz in 25 kHz steps and " +
        "stores 99 preset channels. The front panel carries the display, the keypad and the volume knob; the antenna " +
        "mounts on the top panel and folds flat for transport. Operators run the built-in test before every mission " +
        "and log any fault that remains on the form kept in the radio's pouch. The case is sealed against rain and " +
        "dust.\nBattery life is 18 hours at a 1:1:8 duty cycle with the BB-990 lithium battery. A spare battery weighs " +
        "0.6 kg. In cold weather keep the spare inside your clothing.";

    [Fact]
    public void TheBatteryLifeQuestionGetsTheBatterySentenceWithBatteryMarked()
    {
        var excerpt = ExcerptBuilder.Build(RadioChunk, "What is the battery life of the AN/PRC-990?");

        Assert.Contains("Battery life is 18 hours at a 1:1:8 duty cycle", excerpt.Text);
        var marked = Marked(excerpt);
        Assert.Contains("Battery", marked);
        Assert.Contains("life", marked);
        Assert.DoesNotContain("What", marked);
        Assert.DoesNotContain("the", marked);
    }

    [Fact]
    public void APluralInTheQuestionMatchesTheSingularInThePassage()
    {
        var excerpt = ExcerptBuilder.Build(RadioChunk, "How heavy are spare batteries?");

        Assert.Contains("A spare battery weighs 0.6 kg.", excerpt.Text);
        Assert.Contains("battery", Marked(excerpt));
    }

    [Fact]
    public void EveryHighlightPointsAtAWordOfTheQuestion()
    {
        var excerpt = ExcerptBuilder.Build(RadioChunk, "battery spare weighs");

        Assert.NotEmpty(excerpt.Highlights);
        Assert.All(Marked(excerpt), word => Assert.Matches("^(?i)(battery|spare|weighs)$", word));
    }

    [Fact]
    public void WithoutAMatchTheExcerptIsTheStartOfThePassage()
    {
        var excerpt = ExcerptBuilder.Build(RadioChunk, "Who commands the convoy?");

        Assert.StartsWith("The AN/PRC-990 is a manpack radio", excerpt.Text);
        Assert.EndsWith(" …", excerpt.Text);
        Assert.Empty(excerpt.Highlights);
        Assert.InRange(excerpt.Text.Length, 200, ExcerptBuilder.DefaultMaxChars + 2);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(200)]
    [InlineData(360)]
    public void TheExcerptKeepsToItsBudgetPlusTheEllipses(int maxChars)
    {
        foreach (var question in new[] { "battery life", "test before every mission", "nothing matches here" })
        {
            var excerpt = ExcerptBuilder.Build(RadioChunk, question, maxChars);

            Assert.InRange(excerpt.Text.Length, 1, maxChars + 4);
        }
    }

    [Fact]
    public void NeighbouringSentencesFillTheBudgetInDocumentOrderWithEllipsesWhereTextWasLeftOut()
    {
        var excerpt = ExcerptBuilder.Build(RadioChunk, "battery life");

        Assert.StartsWith("… ", excerpt.Text);
        var battery = excerpt.Text.IndexOf("Battery life", StringComparison.Ordinal);
        var spare = excerpt.Text.IndexOf("A spare battery", StringComparison.Ordinal);
        Assert.True(battery >= 0 && spare > battery, excerpt.Text);
        Assert.DoesNotContain('\n', excerpt.Text);
    }

    [Fact]
    public void ASentenceLongerThanTheBudgetIsCutAroundItsFirstMatch()
    {
        var passage = string.Join(" ", Enumerable.Repeat("filler words go on", 40)) + " and then the generator oil interval is 250 hours " +
            string.Join(" ", Enumerable.Repeat("more filler", 40)) + ".";

        var excerpt = ExcerptBuilder.Build(passage, "What is the oil interval?", 120);

        Assert.Contains("oil interval is 250 hours", excerpt.Text);
        Assert.StartsWith("… ", excerpt.Text);
        Assert.EndsWith(" …", excerpt.Text);
        Assert.Equal(["oil", "interval"], Marked(excerpt));
    }

    [Fact]
    public void AShortPassageIsShownWhole()
    {
        var excerpt = ExcerptBuilder.Build("Paved roads: 60 km/h.", "speed on paved roads");

        Assert.Equal("Paved roads: 60 km/h.", excerpt.Text);
        Assert.Equal([new TextHighlight(0, 5), new TextHighlight(6, 5)], excerpt.Highlights);
    }

    private static string[] Marked(PassageExcerpt excerpt) =>
        excerpt.Highlights.Select(h => excerpt.Text.Substring(h.Start, h.Length)).ToArray();
}
