using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TacticalRag.Web.BrowserTests;

/// <summary>The chat as a user drives it: type a question, send it, read the latest answer.</summary>
internal sealed class ChatPanel(WebPage page)
{
    public ILocator LatestTurn => page.ByTestId("chat-turn").Last;

    public ILocator LatestAnswer => LatestTurn.GetByTestId("answer");

    public ILocator LatestBadge => LatestTurn.GetByTestId("answer-badge");

    /// <summary>Types the question in "Your question" and presses Send; the answer starts streaming.</summary>
    public async Task SendAsync(string question)
    {
        var turns = await page.ByTestId("chat-turn").CountAsync();
        await page.Page.GetByLabel("Your question").FillAsync(question);
        await page.Page.Locator("#send-button").ClickAsync();
        await Expect(page.ByTestId("chat-turn")).ToHaveCountAsync(turns + 1, new() { Timeout = Waits.Ms(Waits.Ui) });
    }

    /// <summary>Asks and waits until the answer has streamed to its end.</summary>
    public async Task AskAsync(string question)
    {
        await SendAsync(question);
        await WaitUntilAnsweredAsync();
    }

    public Task WaitUntilAnsweredAsync() =>
        Expect(LatestAnswer).ToHaveAttributeAsync("data-state", "done", new() { Timeout = Waits.Ms(Waits.Answer) });
}
