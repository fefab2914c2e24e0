using TacticalRag.Api.Ingestion.Extraction;

namespace TacticalRag.UnitTests.Ingestion;

public sealed class MojibakeRepairTests
{
    [Fact]
    public void TextReadAsLatin1OnceIsRepaired()
    {
        var broken = MojibakeFixtures.ThroughLatin1(MojibakeFixtures.Intended);

        Assert.Contains('\u0099', broken);
        Assert.Equal(MojibakeFixtures.Intended, MojibakeRepair.Repair(broken));
    }

    [Fact]
    public void TextReadAsWindows1252OnceIsRepaired()
    {
        var broken = MojibakeFixtures.ThroughWindows1252(MojibakeFixtures.Intended);

        Assert.Contains("â€™", broken);
        Assert.Equal(MojibakeFixtures.Intended, MojibakeRepair.Repair(broken));
    }

    [Theory]
    [InlineData("â€™", "’")]
    [InlineData("Ã©", "é")]
    [InlineData("Lanterman\u00e2\u0080\u0093Petris", "Lanterman–Petris")]
    [InlineData("SEÃ‘OR", "SEÑOR")]
    public void KnownMojibakeBecomesTheCharacterThatWasMeant(string broken, string meant) =>
        Assert.Equal(meant, MojibakeRepair.Repair(broken));

    [Theory]
    [InlineData("café")]
    [InlineData("naïve façade, Zürich, 5 °C")]
    [InlineData("Ã la carte")]
    [InlineData("THE CAFÉ’s menu")]
    [InlineData("«été»")]
    [InlineData("Plain ASCII text, nothing to do.")]
    [InlineData("It’s “quoted” – already right.")]
    [InlineData("ends with a lone Ã")]
    public void RealTextIsLeftAlone(string text) => Assert.Equal(text, MojibakeRepair.Repair(text));

    [Fact]
    public void AByteSequenceThatWouldDecodeToAnotherControlIsLeftAlone()
    {
        // C2 85 is valid UTF-8 for U+0085, a C1 control: trading one control for another repairs nothing.
        Assert.Equal("Â\u0085", MojibakeRepair.Repair("Â\u0085"));
    }
}
