using Microsoft.Playwright;

namespace TacticalRag.Web.BrowserTests;

/// <summary>The library's file input, as a user choosing files in the browser's file picker.</summary>
internal static class UploadInput
{
    // Blazor's InputFile starts listening for "change" in its first after-render JS call, which reaches the browser
    // just after the page turned interactive: files chosen in between would go unnoticed. A person cannot be that
    // quick; a test can. The mark it waits for is the one that JS call sets on the element.
    private const string ListeningScript = "input => input._blazorInputFileNextFileId !== undefined";

    public static async Task ChooseAsync(WebPage page, IEnumerable<string> paths) =>
        await (await ListeningAsync(page)).SetInputFilesAsync(paths);

    public static async Task ChooseAsync(WebPage page, IEnumerable<FilePayload> files) =>
        await (await ListeningAsync(page)).SetInputFilesAsync(files);

    private static async Task<ILocator> ListeningAsync(WebPage page)
    {
        var input = page.ByTestId("upload-input");
        await page.Page.WaitForFunctionAsync(ListeningScript, await input.ElementHandleAsync(),
            new() { Timeout = Waits.Ms(Waits.Ui), PollingInterval = 50 });
        return input;
    }
}
