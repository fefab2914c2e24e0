using TacticalRag.Web.Api;

namespace TacticalRag.Web.Tests;

public sealed class LlmStreamEventParserTests
{
    [Fact]
    public void ReadsATokenEventsText()
    {
        var parsed = LlmStreamEventParser.Parse(new ServerSentEvent("token", "{\"text\":\" world\"}"));

        Assert.Equal(new LlmTokenEvent(" world"), parsed);
    }

    [Fact]
    public void ReadsWhichBackendAnsweredFromTheDoneEvent()
    {
        var parsed = LlmStreamEventParser.Parse(new ServerSentEvent(
            "done", "{\"backend\":\"ollama\",\"model\":\"llama3.1:8b\",\"fallback\":true,\"elapsedMs\":1834.6}"));

        Assert.Equal(new LlmDoneEvent("ollama", "llama3.1:8b", Fallback: true, ElapsedMs: 1835), parsed);
    }

    [Fact]
    public void ReadsTheDetailOfAnErrorEvent()
    {
        var parsed = LlmStreamEventParser.Parse(new ServerSentEvent("error", "{\"detail\":\"vLLM stopped mid-answer\"}"));

        Assert.Equal(new LlmErrorEvent("vLLM stopped mid-answer"), parsed);
    }

    [Fact]
    public void IgnoresEventTypesItDoesNotKnow()
    {
        Assert.Null(LlmStreamEventParser.Parse(new ServerSentEvent("citations", "[]")));
    }

    [Fact]
    public void TurnsUnreadableEventDataIntoAnError()
    {
        var parsed = LlmStreamEventParser.Parse(new ServerSentEvent("done", "{not json"));

        Assert.IsType<LlmErrorEvent>(parsed);
    }
}
