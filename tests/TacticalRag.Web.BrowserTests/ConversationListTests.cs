using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TacticalRag.Web.BrowserTests;

/// <summary>
/// Conversations live at the API, per user: asked in one browser, the same user finds them in another (a second,
/// fresh browser context: no cookies, no storage), titled with the first question, and reopened as they were answered.
/// </summary>
[Collection(BrowserGraphCollection.Name)]
public sealed class ConversationListTests(BrowserGraph graph)
{
    [Fact]
    public async Task AConversationAskedInOneBrowserIsListedOpenedWithItsSourcesAndRenamedInAnother()
    {
        using var setup = new CancellationTokenSource(Waits.Indexing);
        await graph.Api.EnsureSampleAsync("convoy-sop.txt", setup.Token);
        await graph.Api.WaitForHealthyBackendAsync("vllm", setup.Token);
        var first = $"What speed do convoys keep on paved roads? ({Guid.NewGuid():N})";
        string conversationUrl;
        string chipLabel;
        string badge;
        await using (var laptop = await graph.OpenAsync("/", TestUsers.Reader))
        {
            var chat = new ChatPanel(laptop);
            await chat.AskAsync(first);
            await chat.AskAsync("And at night?");
            await Expect(laptop.Page).ToHaveURLAsync(new Regex("/conversations/"));
            conversationUrl = new Uri(laptop.Page.Url).AbsolutePath;
            var answered = laptop.ByTestId("chat-turn").First;
            chipLabel = (await answered.GetByTestId("citation-chip").First.GetAttributeAsync("aria-label"))!;
            badge = (await answered.GetByTestId("answer-badge").TextContentAsync())!;
        }

        await using var phone = await graph.OpenAsync("/", TestUsers.Reader);
        var entry = phone.ByTestId("conversation-entry").Filter(new() { HasText = first });
        // Titled with the first question, not the latest.
        await Expect(entry.GetByRole(AriaRole.Link)).ToHaveTextAsync(first);
        await entry.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(phone.Page).ToHaveURLAsync(new Regex(Regex.Escape(conversationUrl) + "$"));
        var turns = phone.ByTestId("chat-turn");
        await Expect(turns).ToHaveCountAsync(2);
        var reopened = turns.First;
        // Shown as when answered: the same chips, the cited sources, the badge with model and time.
        await Expect(reopened.GetByTestId("citation-chip").First).ToHaveAttributeAsync("aria-label", chipLabel);
        await Expect(reopened.GetByTestId("source-link").First).ToBeVisibleAsync();
        await Expect(reopened.GetByTestId("answer-badge")).ToHaveTextAsync(badge);
        await Expect(reopened.GetByTestId("answer")).Not.ToContainTextAsync("[1]");
        await reopened.GetByTestId("citation-chip").First.ClickAsync();
        await Expect(phone.ByTestId("passage-dialog")).ToBeVisibleAsync();
        await Expect(phone.ByTestId("passage-dialog").GetByTestId("passage-text")).ToContainTextAsync("km/h");
        await phone.ByTestId("passage-dialog").GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await phone.ScreenshotAsync("conversation-reopened");

        await entry.GetByRole(AriaRole.Button, new() { Name = $"Rename conversation: {first}" }).ClickAsync();
        await phone.ByTestId("rename-input").FillAsync("Convoy speeds, day and night");
        await phone.ByTestId("rename-form").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var renamed = phone.ByTestId("conversation-entry").Filter(new() { HasText = "Convoy speeds, day and night" });
        await Expect(renamed).ToHaveCountAsync(1);

        // The new title is the API's: a third browser sees it too.
        await using var desktop = await graph.OpenAsync("/", TestUsers.Reader);
        await Expect(desktop.ByTestId("conversation-entry").Filter(new() { HasText = "Convoy speeds, day and night" })).ToHaveCountAsync(1);
        await Expect(desktop.ByTestId("conversation-entry").Filter(new() { HasText = first })).ToHaveCountAsync(0);
    }
}
