using Bunit;
using TacticalRag.Web.Components.Chat;

namespace TacticalRag.Web.Tests;

public sealed class AnswerBadgeTests : IDisposable
{
    private readonly BunitContext _context = new();

    [Fact]
    public void NamesVllmWithItsModelAndLatencyWhenVllmAnswered()
    {
        var badge = Render(new AnswerOrigin("vllm", "Qwen/Qwen2.5-7B-Instruct", Fallback: false, TotalMs: 1234));

        Assert.Equal("vLLM", badge.Find(".badge").TextContent);
        Assert.Contains("Qwen/Qwen2.5-7B-Instruct", badge.Markup);
        Assert.Contains("1,234 ms", badge.Markup);
        Assert.Equal("vllm", badge.Find("[data-testid=answer-badge]").GetAttribute("data-backend"));
        Assert.Empty(badge.FindAll(".badge-fallback"));
    }

    [Fact]
    public void SaysOllamaWasAFallbackWhenVllmCouldNotAnswer()
    {
        var badge = Render(new AnswerOrigin("ollama", "llama3.1:8b", Fallback: true, TotalMs: 17000));

        Assert.Equal("Ollama (fallback)", badge.Find(".badge-fallback").TextContent);
        Assert.Contains("llama3.1:8b", badge.Markup);
    }

    [Fact]
    public void SaysRetrievalOnlyWhenNoModelAnswered()
    {
        var badge = Render(new AnswerOrigin("none", Model: null, TotalMs: 40));

        Assert.Equal("Retrieval only", badge.Find(".badge-retrieval").TextContent);
    }

    [Fact]
    public void ShowsOnlyTheBackendOfAnAnswerReadBackFromAStoredConversation()
    {
        var badge = Render(new AnswerOrigin("ollama"));

        Assert.Equal("Ollama", badge.Find(".badge").TextContent);
        Assert.DoesNotContain(" ms", badge.Markup);
    }

    [Fact]
    public void MarksAnAnswerServedFromTheCache()
    {
        Assert.Contains("cached", Render(new AnswerOrigin("vllm", "qwen", Cached: true, TotalMs: 4)).Markup);
    }

    private IRenderedComponent<AnswerBadge> Render(AnswerOrigin origin) =>
        _context.Render<AnswerBadge>(p => p.Add(c => c.Origin, origin));

    public void Dispose() => _context.Dispose();
}
