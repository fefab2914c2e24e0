using System.Text;
using TacticalRag.Api.Ingestion.Extraction;

namespace TacticalRag.UnitTests.Ingestion;

/// <summary>Numbered and lettered section titles in plain text (licences, specifications, standards) are sections.</summary>
public sealed class NumberedHeadingTests
{
    [Theory]
    [InlineData("6. Conveying Non-Source Forms.", "6. Conveying Non-Source Forms")]
    [InlineData("0. Definitions.", "0. Definitions")]
    [InlineData("1.2 What is this spec?", "1.2 What is this spec?")]
    [InlineData("1.2. What is this spec?", "1.2. What is this spec?")]
    [InlineData("A. Scope of Application", "A. Scope of Application")]
    [InlineData("(b) Additional Terms", "(b) Additional Terms")]
    [InlineData("IV. Remedies", "IV. Remedies")]
    public void ANumberedTitleIsAHeading(string line, string heading) =>
        Assert.Equal(heading, PlainTextExtractor.NumberedHeading(line));

    [Theory]
    [InlineData("3. Check the antenna before you transmit.")]
    [InlineData("1. Remove the battery. Then wait.")]
    [InlineData("2. The following applies:")]
    [InlineData("12 soldiers and 3 vehicles")]
    [InlineData("4. This License explicitly affirms your unlimited permission to run the unmodified Program.")]
    [InlineData("1.")]
    [InlineData("24 Sussex Drive")]
    public void ANumberedSentenceIsNot(string line) =>
        Assert.Null(PlainTextExtractor.NumberedHeading(line));

    [Fact]
    public void EveryPassageOfAGplStyleLicenceIsCitedUnderItsNumberedSection()
    {
        const string licence = """
            TERMS AND CONDITIONS

              0. Definitions.

              "This License" refers to version 3 of the GNU General Public License.

              6. Conveying Non-Source Forms.

              You may convey a covered work in object code form under the terms
            of sections 4 and 5, provided that you also convey the
            machine-readable Corresponding Source under the terms of this License.

              7. Additional Terms.

              "Additional permissions" are terms that supplement the terms of this
            License by making exceptions from one or more of its conditions.
            """;

        var document = new PlainTextExtractor().Extract(new MemoryStream(Encoding.UTF8.GetBytes(licence)), "gpl-3.0.txt", CancellationToken.None);

        Assert.Contains(document.Sections, s => s.Heading == "6. Conveying Non-Source Forms" && s.Text.Contains("object code form", StringComparison.Ordinal));
        Assert.Contains(document.Sections, s => s.Heading == "7. Additional Terms" && s.Text.Contains("supplement the terms", StringComparison.Ordinal));
        Assert.Contains(document.Sections, s => s.Heading == "0. Definitions" && s.Text.Contains("version 3", StringComparison.Ordinal));
        Assert.DoesNotContain(document.Sections, s => s.Heading == "TERMS AND CONDITIONS" && s.Text.Contains("object code", StringComparison.Ordinal));
    }

    [Fact]
    public void ADocumentsFirstLineIsItsTitleNotANumberedSection()
    {
        var document = new PlainTextExtractor().Extract(
            new MemoryStream(Encoding.UTF8.GetBytes("J. Durward Morsch\n\nJ. Durward Morsch was an American architect.")), "p1.txt", CancellationToken.None);

        Assert.Equal("J. Durward Morsch", document.Title);
        Assert.DoesNotContain(document.Sections, s => s.Heading == "J. Durward Morsch");
    }
}
