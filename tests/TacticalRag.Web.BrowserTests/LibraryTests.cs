using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TacticalRag.Web.BrowserTests;

/// <summary>Adding documents to the library in the browser, and what a user is told when one cannot be added.</summary>
[Collection(BrowserGraphCollection.Name)]
public sealed class LibraryTests(BrowserGraph graph)
{
    private static readonly Regex Passages = new(@"\d+ passages?");

    [Fact]
    public async Task UploadsSeveralDocumentsAtOnceAndShowsEachReadyWithItsPassages()
    {
        await using var page = await graph.OpenAsync("/library", TestUsers.Editor);
        string[] files = ["convoy-sop.txt", "radio-procedures-sop.md"];

        await UploadInput.ChooseAsync(page, files.Select(RepositoryPaths.Sample));

        foreach (var file in files)
        {
            var outcome = page.ByTestId("upload-outcome").Filter(new() { HasText = file });
            await Expect(outcome).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = Waits.Ms(Waits.Indexing) });
            await Expect(outcome).ToContainTextAsync(Passages);
        }
        var convoy = page.ByTestId("document-row").Filter(new() { HasText = "convoy-sop.txt" });
        await Expect(convoy).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = Waits.Ms(Waits.Indexing) });

        // The new passages are searchable at once.
        await page.Page.GetByLabel("Words or a question").FillAsync("speed on paved roads");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page.ByTestId("search-result").First).ToContainTextAsync("60 km/h");
        await page.ScreenshotAsync("library");
    }

    [Fact]
    public async Task ShowsWhyAnImageAndAnEmptyFileWereNotAdded()
    {
        await using var page = await graph.OpenAsync("/library", TestUsers.Editor);
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];

        await UploadInput.ChooseAsync(page,
        [
            new FilePayload { Name = "route-map.png", MimeType = "image/png", Buffer = png },
            new FilePayload { Name = "empty-notes.txt", MimeType = "text/plain", Buffer = [] },
        ]);

        var image = page.ByTestId("upload-outcome").Filter(new() { HasText = "route-map.png" });
        await Expect(image).ToHaveAttributeAsync("data-state", "refused", new() { Timeout = Waits.Ms(Waits.Answer) });
        await Expect(image).ToContainTextAsync("Not added");
        await Expect(image).ToContainTextAsync("PNG image");
        var empty = page.ByTestId("upload-outcome").Filter(new() { HasText = "empty-notes.txt" });
        await Expect(empty).ToHaveAttributeAsync("data-state", "refused", new() { Timeout = Waits.Ms(Waits.Answer) });
        await Expect(empty).ToContainTextAsync("the file is empty");
        await Expect(page.ByTestId("document-row").Filter(new() { HasText = "route-map.png" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync("upload-refused");
    }
}
