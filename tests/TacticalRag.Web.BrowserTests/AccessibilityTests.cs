using System.Text.Json;

namespace TacticalRag.Web.BrowserTests;

/// <summary>
/// WCAG 2 AA as axe-core checks it (the engine browsers' accessibility tools use), on what every signed-in page shows:
/// the header with the navigation, the system status, the user's name and "Sign out" on navy.
/// </summary>
[Collection(BrowserGraphCollection.Name)]
public sealed class AccessibilityTests(BrowserGraph graph)
{
    private static readonly string AxeSource = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Accessibility", "axe.min.js"));

    [Theory]
    [InlineData("/")]
    [InlineData("/library")]
    [InlineData("/status")]
    public async Task TheHeaderMeetsWcagAaContrastAndStructure(string path)
    {
        await using var page = await graph.OpenAsync(path, TestUsers.Admin);
        await page.Page.EvaluateAsync(AxeSource);

        var violations = await page.Page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run({ include: [['header']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
              return result.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ') + ' (' + n.failureSummary + ')').join('; '));
            }
            """);

        Assert.Empty(violations.EnumerateArray().Select(v => v.GetString()));
    }
}
