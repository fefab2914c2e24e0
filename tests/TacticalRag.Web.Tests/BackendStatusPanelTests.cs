using TacticalRag.Web.Accounts;
using Bunit;
using Microsoft.AspNetCore.Builder;
using TacticalRag.Web.Components.Status;

namespace TacticalRag.Web.Tests;

public sealed class BackendStatusPanelTests : IAsyncDisposable
{
    private readonly BunitContext _context = new();

    [Fact]
    public async Task ShowsEachBackendsStateAndWhichOneIsAnswering()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/llm/backends", FakeApi.Json(BackendsJson.VllmDownOllamaActive)));
        _context.UseApi(api.BaseAddress, Roles.Admin);
        var panel = _context.Render<BackendStatusPanel>(p => p.Add(c => c.ShowDetails, true));

        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll(".backend-item").Count), Waits.Long);
        var vllm = panel.Find("[data-testid=backend-vllm]");
        var ollama = panel.Find("[data-testid=backend-ollama]");
        Assert.Contains("vLLM", vllm.TextContent);
        Assert.Equal("down", vllm.GetAttribute("data-state"));
        Assert.Contains("connection refused", vllm.TextContent);
        Assert.Contains("http://vllm:8000", vllm.TextContent);
        Assert.Contains("preferred", vllm.TextContent);
        Assert.Equal("healthy", ollama.QuerySelector(".state")!.TextContent);
        Assert.Contains("answering", ollama.TextContent);
        Assert.Contains("llama3.1:8b", ollama.TextContent);
        Assert.Equal("not checked yet", panel.Find("[data-testid=backend-spare] .state").TextContent);
    }
    [Fact]
    public async Task ShowsAModelServerLeftOutAsNotConfiguredNeverDown()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/llm/backends", FakeApi.Json(BackendsJson.NoneConfigured)));
        _context.UseApi(api.BaseAddress, Roles.Admin);
        var panel = _context.Render<BackendStatusPanel>(p => p.Add(c => c.ShowDetails, true));

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll(".backend-item").Count), Waits.Long);
        foreach (var name in new[] { "vllm", "ollama" })
        {
            var item = panel.Find($"[data-testid=backend-{name}]");
            Assert.Equal("not configured", item.GetAttribute("data-state"));
            Assert.Equal("not configured", item.QuerySelector(".state")!.TextContent);
        }
    }

    [Fact]
    public async Task ShowsStateButNeitherEndpointNorErrorWithoutDetails()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/llm/backends", FakeApi.Json(BackendsJson.VllmDownOllamaActive)));
        var panel = _context.RenderAgainstApi<BackendStatusPanel>(api.BaseAddress, Roles.Reader);

        panel.WaitForAssertion(() => Assert.Equal("down", panel.Find("[data-testid=backend-vllm]").GetAttribute("data-state")), Waits.Long);
        var vllm = panel.Find("[data-testid=backend-vllm]");
        Assert.DoesNotContain("connection refused", vllm.TextContent);
        Assert.DoesNotContain("http://vllm:8000", vllm.TextContent);
    }

    [Fact]
    public async Task FollowsABackendGoingDownWithoutAReload()
    {
        var backends = BackendsJson.AllUp;
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/llm/backends", context => FakeApi.Json(backends)(context)));
        _context.UseApi(api.BaseAddress);
        var panel = _context.Render<BackendStatusPanel>(p => p.Add(c => c.RefreshInterval, TimeSpan.FromMilliseconds(100)));
        panel.WaitForAssertion(() => Assert.Equal("healthy", panel.Find("[data-testid=backend-vllm]").GetAttribute("data-state")), Waits.Long);

        backends = BackendsJson.VllmDownOllamaActive;

        panel.WaitForAssertion(() => Assert.Equal("down", panel.Find("[data-testid=backend-vllm]").GetAttribute("data-state")), Waits.Long);
    }

    [Fact]
    public async Task SaysTheApiIsUnreachableWhenItDoesNotAnswer()
    {
        var panel = _context.RenderAgainstApi<BackendStatusPanel>(await FakeApi.ClosedAddressAsync());

        panel.WaitForAssertion(() => Assert.Contains("API unreachable", panel.Find("[role=status]").TextContent), Waits.Long);
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
