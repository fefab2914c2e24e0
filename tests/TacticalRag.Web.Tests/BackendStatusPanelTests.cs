using Bunit;
using TacticalRag.Web.Components;

namespace TacticalRag.Web.Tests;

public sealed class BackendStatusPanelTests : IAsyncDisposable
{
    private readonly BunitContext _context = new();

    [Fact]
    public async Task ShowsEachBackendsStateAndWhichOneIsAnswering()
    {
        await using var api = await FakeLlmApi.StartAsync(backends: FakeLlmApi.Json(BackendsJson.VllmDownOllamaActive));
        var panel = _context.RenderAgainstApi<BackendStatusPanel>(api.BaseAddress);

        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll(".backend-item").Count), TimeSpan.FromSeconds(10));
        var vllm = panel.FindAll(".backend-item")[0];
        var ollama = panel.FindAll(".backend-item")[1];
        Assert.Contains("vLLM", vllm.TextContent);
        Assert.Equal("down", vllm.QuerySelector(".state")!.TextContent);
        Assert.Contains("connection refused", vllm.TextContent);
        Assert.Contains("preferred", vllm.TextContent);
        Assert.Equal("healthy", ollama.QuerySelector(".state")!.TextContent);
        Assert.Contains("answering", ollama.TextContent);
        Assert.Contains("llama3.1:8b", ollama.TextContent);
        Assert.Equal("not checked yet", panel.FindAll(".backend-item")[2].QuerySelector(".state")!.TextContent);
    }

    [Fact]
    public async Task SaysTheApiIsUnreachableWhenItDoesNotAnswer()
    {
        Uri closedAddress;
        await using (var stopped = await FakeLlmApi.StartAsync())
        {
            closedAddress = stopped.BaseAddress;
        }

        var panel = _context.RenderAgainstApi<BackendStatusPanel>(closedAddress);

        panel.WaitForAssertion(() => Assert.Contains("API unreachable", panel.Find("[role=status]").TextContent), TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
