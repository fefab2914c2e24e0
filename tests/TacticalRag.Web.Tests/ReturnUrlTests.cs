using TacticalRag.Web.Accounts;

namespace TacticalRag.Web.Tests;

/// <summary>After sign-in the user goes only to a path on this site, written so that any characters make a valid redirect.</summary>
public sealed class ReturnUrlTests
{
    [Theory]
    [InlineData("/library", "/library")]
    [InlineData("/chat?c=1#top", "/chat?c=1#top")]
    [InlineData("/\u3000/x", "/%E3%80%80/x")]
    [InlineData("/caf\u00e9?q=\u00fc", "/caf%C3%A9?q=%C3%BC")]
    public void ALocalPathIsKeptPercentEncoded(string returnUrl, string expected) =>
        Assert.Equal(expected, ReturnUrls.Local(returnUrl));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("library")]
    public void AnythingElseGoesHome(string? returnUrl) => Assert.Equal("/", ReturnUrls.Local(returnUrl));

    [Fact]
    public void TheResultIsAlwaysAsciiSoItFitsALocationHeader() =>
        Assert.All(new[] { "/\u202Ex", "/a\tb", "/\u0000", "/\ud83d\ude00" }, url => Assert.True(ReturnUrls.Local(url).All(char.IsAscii), url));
}
