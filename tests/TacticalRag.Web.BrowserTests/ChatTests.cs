using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TacticalRag.Web.BrowserTests;

/// <summary>Asking the library in the chat: a streamed, badged answer whose citations open their passages.</summary>
[Collection(BrowserGraphCollection.Name)]
public sealed class ChatTests(BrowserGraph graph)
{
    [Fact]
    public async Task StreamsAnAnswerFromVllmAndOpensTheCitedPassageOfTheDocument()
    {
        using var setup = new CancellationTokenSource(Waits.Indexing);
        await graph.Api.EnsureSampleAsync("convoy-sop.txt", setup.Token);
        await graph.Api.WaitForHealthyBackendAsync("vllm", setup.Token);
        await using var page = await graph.OpenAsync("/", TestUsers.Editor);
        var chat = new ChatPanel(page);
        var recorder = new AnswerRecorder(page.Page);

        await recorder.StartAsync();
        await chat.SendAsync("What speed do convoys keep on paved roads?");
        await chat.WaitUntilAnsweredAsync();

        // The answer arrived token by token: seen streaming at two or more lengths, then done.
        var steps = await recorder.StepsAsync();
        var streamed = steps.Where(step => step.State == "streaming" && step.Length > 0).Select(step => step.Length).Distinct().ToList();
        Assert.True(streamed.Count >= 2, $"The answer did not grow while streaming: {string.Join(", ", steps)}");
        Assert.Equal("done", steps[^1].State);
        Assert.True(steps[^1].Length >= streamed.Max(), $"The finished answer is shorter than it was while streaming: {string.Join(", ", steps)}");
        await Expect(chat.LatestAnswer).ToContainTextAsync("Simulated answer from meta-llama/Meta-Llama-3.1-8B-Instruct");
        await Expect(chat.LatestBadge).ToHaveAttributeAsync("data-backend", "vllm");
        await Expect(chat.LatestBadge.Locator(".badge")).ToHaveTextAsync("vLLM");
        await page.ScreenshotAsync("chat");

        // Its citation chip opens the passage it came from: the convoy SOP's speeds.
        var chip = chat.LatestAnswer.GetByTestId("citation-chip").First;
        await Expect(chip).ToHaveAttributeAsync("aria-label", new Regex("^Source 1: .*Convoy"));
        await chip.ClickAsync();
        var dialog = page.ByTestId("passage-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("Convoy Operations");
        await Expect(dialog.GetByTestId("passage-text")).ToContainTextAsync("60 km/h");
        await page.ScreenshotAsync("passage-dialog");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
    }
}
