using Microsoft.Playwright;
using TacticalRag.ModelServerSim;
using static Microsoft.Playwright.Assertions;

namespace TacticalRag.Web.BrowserTests;

/// <summary>vLLM going down as a user sees it: answers keep coming, marked as Ollama's, and the status page says why.</summary>
[Collection(BrowserGraphCollection.Name)]
public sealed class FallbackTests(BrowserGraph graph)
{
    [Fact]
    public async Task BadgesTheNextAnswerAsOllamaFallbackAndShowsVllmDownOnTheStatusPage()
    {
        using (var setup = new CancellationTokenSource(Waits.Indexing))
        {
            await graph.Api.EnsureSampleAsync("convoy-sop.txt", setup.Token);
        }
        await using var page = await graph.OpenAsync("/", TestUsers.Admin);
        var chat = new ChatPanel(page);
        try
        {
            await graph.Vllm.SetFaultAsync(SimFault.Refuse);

            await chat.AskAsync("How long is a scheduled short halt during a convoy?");
            await Expect(chat.LatestBadge).ToHaveAttributeAsync("data-backend", "ollama");
            await Expect(chat.LatestBadge.Locator(".badge")).ToHaveTextAsync("Ollama (fallback)");
            await Expect(chat.LatestAnswer).ToContainTextAsync("Simulated answer from llama3.1:8b");
            // The header says so on every page, at its next refresh.
            await Expect(page.ByTestId("system-status")).ToContainTextAsync("vLLM down", new() { Timeout = Waits.Ms(Waits.Answer) });
            await page.ScreenshotAsync("chat-fallback");

            await page.NavigateAsync("Status", "System status");
            var answerWait = new LocatorAssertionsToHaveAttributeOptions { Timeout = Waits.Ms(Waits.Answer) };
            await Expect(page.ByTestId("backend-vllm")).ToHaveAttributeAsync("data-state", "down", answerWait);
            await Expect(page.ByTestId("backend-ollama")).ToHaveAttributeAsync("data-state", "healthy", answerWait);
            // Why it is down: the refused connection, whether the question or the health probe met it first (a backend
            // already known down is skipped without a fallback entry, so the recent-fallbacks list may not name it).
            await Expect(page.ByTestId("backend-vllm").Locator(".backend-error")).ToBeVisibleAsync(new() { Timeout = Waits.Ms(Waits.Answer) });
            await page.ScreenshotAsync("status");
        }
        finally
        {
            // Back to health before the next test, which expects vLLM to answer.
            using var recovery = new CancellationTokenSource(Waits.Answer);
            await graph.Vllm.SetFaultAsync(SimFault.None, recovery.Token);
            await graph.Api.WaitForHealthyBackendAsync("vllm", recovery.Token);
        }
    }
}
