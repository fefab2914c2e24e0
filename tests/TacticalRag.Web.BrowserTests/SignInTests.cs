using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TacticalRag.Web.BrowserTests;

/// <summary>Who may see and do what: sign-in first, then each role its share, and sign-out ending the session.</summary>
[Collection(BrowserGraphCollection.Name)]
public sealed class SignInTests(BrowserGraph graph)
{
    private static readonly Regex SignInAddress = new("/account/sign-in");

    [Fact]
    public async Task AnAnonymousVisitLandsOnTheSignInPageWhichRefusesAWrongPassword()
    {
        await using var page = await graph.OpenSignedOutAsync("/library");

        await Expect(page.Page).ToHaveURLAsync(SignInAddress);
        await Expect(page.SignInHeading).ToBeVisibleAsync();
        await Expect(page.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToHaveCountAsync(0);

        await page.Page.GetByLabel("Email").FillAsync(TestUsers.Reader.Email);
        await page.Page.GetByLabel("Password").FillAsync("not the password at all");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.ByTestId("sign-in-error")).ToHaveTextAsync("The email or password is not right.");
        await Expect(page.Page).ToHaveURLAsync(SignInAddress);
    }

    [Fact]
    public async Task AReaderAsksAndSeesTheLibraryWithoutUploadOrDelete()
    {
        using var setup = new CancellationTokenSource(Waits.Indexing);
        await graph.Api.EnsureSampleAsync("convoy-sop.txt", setup.Token);
        await using var page = await graph.OpenAsync("/", TestUsers.Reader);
        var chat = new ChatPanel(page);

        await chat.AskAsync("What speed do convoys keep on paved roads?");
        await Expect(chat.LatestAnswer).ToContainTextAsync("Simulated answer");

        await page.NavigateAsync("Library", "Library");
        await Expect(page.ByTestId("document-row").Filter(new() { HasText = "convoy-sop.txt" })).ToBeVisibleAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Add documents" })).ToHaveCountAsync(0);
        await Expect(page.ByTestId("upload-input")).ToHaveCountAsync(0);
        await Expect(page.ByTestId("document-table").GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);
        await Expect(page.Page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);

        // The status page tells a reader what is up, not where the servers are or what failed.
        await page.NavigateAsync("Status", "System status");
        await Expect(page.ByTestId("backend-status")).ToBeVisibleAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Recent fallbacks" })).ToHaveCountAsync(0);
        await Expect(page.ByTestId("backend-status").GetByText("Endpoint", new() { Exact = true })).ToHaveCountAsync(0);

        await page.Page.GotoAsync("/users");
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        await Expect(page.ByTestId("user-table")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheAdminSeesTheModelServersEndpointsAndTheRecentFallbacks()
    {
        await using var page = await graph.OpenAsync("/status", TestUsers.Admin);

        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Recent fallbacks" })).ToBeVisibleAsync();
        var vllm = page.ByTestId("backend-vllm");
        await Expect(vllm.GetByText("Endpoint", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(vllm).ToContainTextAsync("http://vllm");
        await Expect(page.Page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ASecondReaderDoesNotSeeTheFirstReadersConversationsInTheSameBrowser()
    {
        using var setup = new CancellationTokenSource(Waits.Indexing);
        await graph.Api.EnsureSampleAsync("convoy-sop.txt", setup.Token);
        await using var page = await graph.OpenAsync("/", TestUsers.Reader);
        var chat = new ChatPanel(page);
        await chat.AskAsync("How far apart do convoy vehicles keep?");
        await Expect(page.ByTestId("conversation-entry").Filter(new() { HasText = "How far apart" })).ToBeVisibleAsync();

        await page.SignOutAsync();
        await page.SignInAsync(TestUsers.SecondReader);

        await Expect(page.ByTestId("conversation-list")).ToContainTextAsync("Your conversations will be listed here.");
        await Expect(page.ByTestId("conversation-entry")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ASecondReaderCannotOpenTheFirstReadersConversationByItsAddress()
    {
        using var setup = new CancellationTokenSource(Waits.Indexing);
        await graph.Api.EnsureSampleAsync("convoy-sop.txt", setup.Token);
        await using var first = await graph.OpenAsync("/", TestUsers.Reader);
        await new ChatPanel(first).AskAsync("What is the convoy speed in towns?");
        await Expect(first.Page).ToHaveURLAsync(new Regex("/conversations/"));
        var address = new Uri(first.Page.Url).PathAndQuery;

        await using var second = await graph.OpenAsync(address, TestUsers.SecondReader);

        await Expect(second.ByTestId("chat-notice")).ToContainTextAsync("expired or was deleted");
        await Expect(second.Page.GetByText("What is the convoy speed in towns?")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SigningOutEndsTheSessionHereAndInEveryOtherBrowser()
    {
        await using var here = await graph.OpenAsync("/library", TestUsers.Editor);
        await using var elsewhere = await graph.OpenAsync("/library", TestUsers.Editor);

        await here.SignOutAsync();

        // Back and reload here land on sign-in; the other browser's open page loses its session and goes there too.
        await here.Page.GoBackAsync();
        await here.Page.ReloadAsync();
        await Expect(here.SignInHeading).ToBeVisibleAsync();
        await Expect(elsewhere.SignInHeading).ToBeVisibleAsync(new() { Timeout = Waits.Ms(Waits.Answer) });
        await elsewhere.Page.GotoAsync("/library");
        await Expect(elsewhere.Page).ToHaveURLAsync(SignInAddress);
    }
}
