using Microsoft.Playwright;

namespace TacticalRag.Web.BrowserTests;

/// <summary>
/// Debian's Chromium driven by Playwright: the browser Playwright would download is not reachable from CI, so the
/// system one is used (eng/test.sh installs it). <c>CHROMIUM_PATH</c> points elsewhere on other machines.
/// </summary>
internal static class Chromium
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not at {ExecutablePath}: install it (apt-get install chromium; eng/test.sh does) or set CHROMIUM_PATH.");
        }
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Timeout = Waits.Ms(Waits.Ui),
            // No sandbox (CI runs as root in a container), no GPU, and nothing that phones home or updates itself.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }
}
