using Bunit;
using TacticalRag.Web.Components;

namespace TacticalRag.Web.Tests;

public sealed class PromptPanelTests : IAsyncDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private readonly BunitContext _context = new();

    public PromptPanelTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose; // focus hand-off only
    }

    [Fact]
    public async Task ShowsTheStreamedAnswerAndTheOllamaFallbackBadge()
    {
        await using var api = await FakeLlmApi.StartAsync(stream: FakeLlmApi.Sse(
            "event: token\ndata: {\"text\":\"Check \"}\n\n",
            "event: token\ndata: {\"text\":\"the manual.\"}\n\n",
            "event: done\ndata: {\"backend\":\"ollama\",\"model\":\"llama3.1:8b\",\"fallback\":true,\"elapsedMs\":900}\n\n"));
        var panel = _context.RenderAgainstApi<PromptPanel>(api.BaseAddress);

        panel.Find("#prompt-input").Input("How do I reset the radio?");
        panel.Find("#send-button").Click();

        panel.WaitForAssertion(() => Assert.Equal("Ollama (fallback)", panel.Find(".badge").TextContent), s_wait);
        Assert.Equal("Check the manual.", panel.Find(".answer-text").TextContent);
        Assert.Contains("How do I reset the radio?", panel.Find(".answer-prompt").TextContent);
        Assert.False(panel.Find("#send-button").HasAttribute("disabled"));
    }

    [Fact]
    public async Task SendsThePromptAgainWhenRetryIsPressed()
    {
        await using var api = await FakeLlmApi.StartAsync(stream: FakeLlmApi.Problem(503, "No model server answered", "Both down."));
        var panel = _context.RenderAgainstApi<PromptPanel>(api.BaseAddress);
        panel.Find("#prompt-input").Input("Anyone?");
        panel.Find("#send-button").Click();
        panel.WaitForAssertion(() => Assert.Contains("Both down.", panel.Find("[role=alert]").TextContent), s_wait);

        panel.Find("[role=alert] button").Click();

        panel.WaitForAssertion(() => Assert.Equal(2, api.StreamRequests), s_wait);
        panel.WaitForAssertion(() => Assert.Contains("Both down.", panel.Find("[role=alert]").TextContent), s_wait);
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
