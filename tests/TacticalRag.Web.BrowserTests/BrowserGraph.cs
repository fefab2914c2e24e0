using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Web.BrowserTests;

/// <summary>
/// The whole graph started once in local mode (Redis as a local <c>redis-server</c>, the two model servers as
/// simulators put in place through <c>TacticalRag:Endpoints</c>, an empty library), and one headless Chromium.
/// Each test gets its own browser context (<see cref="OpenAsync"/>), so conversations kept in the browser do not leak.
/// </summary>
public sealed class BrowserGraph : IAsyncLifetime
{
    // vLLM streams slowly enough that a user, and a test, sees the answer grow; Ollama answers at once.
    private static readonly TimeSpan VllmTokenDelay = TimeSpan.FromMilliseconds(40);

    private DistributedApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ModelServerSimulator Vllm { get; private set; } = null!;

    public ModelServerSimulator Ollama { get; private set; } = null!;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app has not started.");

    public Uri WebAddress { get; private set; } = null!;

    public GraphApi Api { get; private set; } = null!;

    private readonly string _redisData = Directory.CreateTempSubdirectory("trag-browser-redis-").FullName;

    // PostgreSQL runs as the postgres user under root: its folder's parent must be open to it.
    private readonly string _postgresData = Directory.CreateTempSubdirectory("trag-browser-postgres-").FullName;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(Waits.GraphStart);
        Vllm = await ModelServerSimulator.StartAsync(new SimulatorOptions { TokenDelay = VllmTokenDelay }, timeout.Token);
        Ollama = await ModelServerSimulator.StartAsync(new SimulatorOptions(), timeout.Token);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_postgresData, (UnixFileMode)Convert.ToInt32("755", 8));
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TacticalRag_AppHost>(
            [
                "--TacticalRag:LocalInfra=true",
                $"--TacticalRag:Endpoints:Vllm={Vllm.BaseAddress}",
                $"--TacticalRag:Endpoints:Ollama={Ollama.BaseAddress}",
                // Each test puts in the library what it asks about.
                "--TacticalRag:LoadSamples=false",
                // Redis keeps its data in a folder of the test's own, not in a developer's .data/redis (answers cached
                // by an earlier run would come back whole instead of streaming).
                $"--TacticalRag:Redis:DataPath={_redisData}",
                $"--TacticalRag:Postgres:DataPath={Path.Combine(_postgresData, "data")}",
                $"--Parameters:admin-email={TestUsers.Admin.Email}",
                $"--Parameters:admin-password={TestUsers.Admin.Password}",
                // The resources' own logs reach the test output; keep what matters when a test fails.
                "--Logging:LogLevel:Default=Warning",
                // Health checks fail by design until each resource is up; those failures are not news.
                "--Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None",
            ],
            timeout.Token);
        // Sessions re-checked every two seconds, so signing out in one browser visibly ends the others in a test.
        builder.CreateResourceBuilder<ProjectResource>("web").WithEnvironment("Accounts__RevalidationInterval", "00:00:02")
            // Every test signs in from this one address: only SignInHardeningTests' failures should meet the throttle,
            // and the account's wait is short, so that test sees the owner sign in again once it has passed.
            .WithEnvironment("Accounts__SignInThrottle__FailuresPerAddress", "10000")
            .WithEnvironment("Accounts__SignInThrottle__AccountRefill", "00:00:03");
        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
        foreach (var resource in new[] { "cache", "api", "web" })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
        WebAddress = _app.GetEndpoint("web", "http");
        Api = await GraphApi.CreateAsync(_app, timeout.Token);

        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);

        await using var admin = await OpenAsync("/users", TestUsers.Admin);
        foreach (var user in TestUsers.AddedByAdmin)
        {
            await new UsersPanel(admin).AddAsync(user);
        }
    }

    /// <summary>
    /// A fresh browser context (no cookies, no stored conversations), signed in as <paramref name="user"/> on the
    /// sign-in page, on <paramref name="path"/> of the web front end once it answers clicks.
    /// </summary>
    public async Task<WebPage> OpenAsync(string path, TestUser user)
    {
        var page = await OpenSignedOutAsync(path);
        await page.SignInAsync(user);
        return page;
    }

    /// <summary>A fresh browser context that has not signed in, sent to <paramref name="path"/> (and so to the sign-in page).</summary>
    public async Task<WebPage> OpenSignedOutAsync(string path)
    {
        var browser = _browser ?? throw new InvalidOperationException("The browser has not started.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = WebAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(Waits.Ms(Waits.Ui));
        context.SetDefaultNavigationTimeout(Waits.Ms(Waits.Ui));
        var page = new WebPage(context, await context.NewPageAsync());
        await page.Page.GotoAsync(path);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        Api?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        if (Vllm is not null)
        {
            await Vllm.DisposeAsync();
        }
        if (Ollama is not null)
        {
            await Ollama.DisposeAsync();
        }
        Directory.Delete(_redisData, recursive: true);
        Directory.Delete(_postgresData, recursive: true);
    }
}
