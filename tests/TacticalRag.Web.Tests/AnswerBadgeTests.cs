using Bunit;
using TacticalRag.Web.Api;
using TacticalRag.Web.Components;

namespace TacticalRag.Web.Tests;

public sealed class AnswerBadgeTests : IDisposable
{
    private readonly BunitContext _context = new();

    [Fact]
    public void NamesVllmWithItsModelAndTimeWhenVllmAnswered()
    {
        var badge = _context.Render<AnswerBadge>(p => p.Add(c => c.Done, new LlmDoneEvent("vllm", "Qwen/Qwen2.5-7B-Instruct", false, 1234)));

        Assert.Equal("vLLM", badge.Find(".badge").TextContent);
        Assert.Contains("Qwen/Qwen2.5-7B-Instruct", badge.Markup);
        Assert.Contains("1,234 ms", badge.Markup);
        Assert.Empty(badge.FindAll(".badge-fallback"));
    }

    [Fact]
    public void SaysOllamaWasAFallbackWhenVllmCouldNotAnswer()
    {
        var badge = _context.Render<AnswerBadge>(p => p.Add(c => c.Done, new LlmDoneEvent("ollama", "llama3.1:8b", true, 17000)));

        Assert.Equal("Ollama (fallback)", badge.Find(".badge-fallback").TextContent);
        Assert.Contains("llama3.1:8b", badge.Markup);
    }

    [Fact]
    public void ShowsAnErrorWithARetryButtonThatAsksAgain()
    {
        var retries = 0;
        var answer = _context.Render<StreamedAnswer>(p => p
            .Add(c => c.Prompt, "What is doctrine?")
            .Add(c => c.Pieces, ["Doctrine is"])
            .Add(c => c.Error, new LlmErrorEvent("vLLM and Ollama are both down.", "No model server answered"))
            .Add(c => c.OnRetry, () => retries++));

        Assert.Contains("No model server answered", answer.Find("[role=alert]").TextContent);
        Assert.Contains("vLLM and Ollama are both down.", answer.Find("[role=alert]").TextContent);
        Assert.Equal("Doctrine is", answer.Find(".answer-text").TextContent);
        Assert.Empty(answer.FindAll(".answer-badge"));

        answer.Find("button").Click();

        Assert.Equal(1, retries);
    }

    public void Dispose() => _context.Dispose();
}
