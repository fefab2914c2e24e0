using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TacticalRag.Web.BrowserTests;

/// <summary>One page of the web front end in its own browser context, with the moves every test makes.</summary>
public sealed class WebPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    /// <summary>Loads <paramref name="path"/> and waits until the page answers clicks (its circuit is up).</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitUntilInteractiveAsync();
    }

    /// <summary>Follows a link of the main navigation, as a user moving between Chat, Library and Status.</summary>
    public async Task NavigateAsync(string linkName, string heading)
    {
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = linkName, Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync(new() { Timeout = Waits.Ms(Waits.Ui) });
        await WaitUntilInteractiveAsync();
    }

    public ILocator ByTestId(string testId) => Page.GetByTestId(testId);

    public ILocator SignInHeading => Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 });

    /// <summary>Fills the sign-in page (where the browser has been sent) and waits for the page it leads back to.</summary>
    public async Task SignInAsync(TestUser user)
    {
        await Expect(SignInHeading).ToBeVisibleAsync();
        await Page.GetByLabel("Email").FillAsync(user.Email);
        await Page.GetByLabel("Password").FillAsync(user.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(ByTestId("signed-in-as")).ToHaveTextAsync(user.Email);
        await WaitUntilInteractiveAsync();
    }

    public async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(SignInHeading).ToBeVisibleAsync();
    }

    /// <summary>Saves what the user sees to <c>docs/screenshots/&lt;name&gt;.png</c>, which the README shows.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var path = RepositoryPaths.Screenshot(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Animations stopped and the caret hidden, so a screenshot does not change from run to run for nothing.
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
    }

    private Task WaitUntilInteractiveAsync() =>
        Expect(Page.Locator("[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = Waits.Ms(Waits.Ui) });

    public ValueTask DisposeAsync() => new(context.CloseAsync());
}
