using TacticalRag.Api.Languages;
using TacticalRag.UnitTests.Ingestion;

namespace TacticalRag.UnitTests.Languages;

public sealed class TextLanguageDetectorTests
{
    private readonly TextLanguageDetector _detector = SampleLibrary.Languages;

    [Theory]
    [InlineData("How long does the radio battery last?", "en")]
    [InlineData("Wie lange hält der Akku des Funkgeräts?", "de")]
    [InlineData("¿Cuánto dura la batería de la radio?", "es")]
    [InlineData("Combien de temps dure la batterie de la radio ?", "fr")]
    [InlineData("Сколько времени работает аккумулятор рации?", "ru")]
    [InlineData("电台的电池能用多长时间？", "zh")]
    [InlineData("無線機の電池はどのくらい持ちますか？", "ja")]
    [InlineData("วิทยุใช้แบตเตอรี่ได้นานเท่าไร", "th")]
    public void AShortQuestionIsDetectedInItsLanguage(string question, string language) =>
        Assert.Equal(language, _detector.Detect(question));

    [Theory]
    [InlineData("ວິທະຍຸໃຊ້ແບັດເຕີຣີໄດ້ດົນປານໃດ", "lo")]
    [InlineData("វិទ្យុប្រើថ្មបានយូរប៉ុណ្ណា", "km")]
    [InlineData("ရေဒီယိုဘက်ထရီ ဘယ်လောက်ကြာသလဲ", "my")]
    public void ScriptsLinguaHasNoModelOfAreToldByTheirLetters(string question, string language) =>
        Assert.Equal(language, _detector.Detect(question));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345 678")]
    [InlineData(null)]
    public void TextWithoutLettersHasNoLanguage(string? text) => Assert.Null(_detector.Detect(text));

    [Fact]
    public void EveryDetectableLanguageIsAnIsoCode()
    {
        Assert.All(TextLanguageDetector.Detectable, code => Assert.Matches("^[a-z]{2}$", code));
        Assert.Contains("en", TextLanguageDetector.Detectable);
    }
}
