using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TacticalRag.Web.BrowserTests;

/// <summary>The Users page as an admin drives it.</summary>
internal sealed class UsersPanel(WebPage page)
{
    public async Task AddAsync(TestUser user)
    {
        await page.Page.GetByLabel("Email").FillAsync(user.Email);
        await page.Page.GetByLabel("Password (at least 12 characters)").FillAsync(user.Password);
        await page.Page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(user.Role);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Expect(page.ByTestId("users-message")).ToHaveTextAsync($"Added {user.Email} as {user.Role}.");
        await Expect(page.ByTestId("user-row").Filter(new() { HasText = user.Email })).ToBeVisibleAsync();
    }
}
