using TacticalRag.Api.Examples;

namespace TacticalRag.UnitTests.Examples;

public sealed class HeadingQuestionTests
{
    [Theory]
    [InlineData("Shared MIME-info Database", "1.2. What is this spec?", "What is this spec?")]
    [InlineData("GNU General Public License", "6. Conveying Non-Source Forms.", "What does GNU General Public License say about conveying non-source forms?")]
    [InlineData("Convoy SOP", "3. Speeds and intervals", "What does Convoy SOP say about speeds and intervals?")]
    [InlineData("Company standing orders", "SENSITIVE ITEMS", "What does Company standing orders say about sensitive items?")]
    [InlineData("Radio procedures", "A. VSWR checks:", "What does Radio procedures say about VSWR checks?")]
    [InlineData("AN/PRC-990 operator manual", "(b) AN/PRC-990 controls", "What does AN/PRC-990 operator manual say about AN/PRC-990 controls?")]
    [InlineData("Glossary", "IV. Terms", "What does Glossary say about terms?")]
    public void AHeadingBecomesAQuestionAPersonWouldAsk(string title, string section, string expected) =>
        Assert.Equal(expected, HeadingQuestion.For(title, section));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Glossary")]
    [InlineData("1.")]
    public void NoUsableHeadingAsksWhatTheDocumentIsAbout(string? section) =>
        Assert.Equal("What is Glossary about?", HeadingQuestion.For("Glossary", section));

    [Theory]
    [InlineData("1.2. What is this spec?")]
    [InlineData("6. Conveying Non-Source Forms.")]
    [InlineData("Why?!")]
    public void NoQuestionHasDoubledPunctuationOrSectionNumbers(string section)
    {
        var question = HeadingQuestion.For("Some document", section);
        Assert.DoesNotContain("??", question);
        Assert.DoesNotContain(".?", question);
        Assert.DoesNotMatch(@"\d+\.", question);
        Assert.EndsWith("?", question);
    }
}
