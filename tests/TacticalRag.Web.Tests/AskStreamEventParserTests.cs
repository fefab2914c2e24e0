using TacticalRag.Web.Api;

namespace TacticalRag.Web.Tests;

public sealed class AskStreamEventParserTests
{
    [Fact]
    public void ReadsATokenEventsText()
    {
        Assert.Equal(new AskTokenEvent(" world"), AskStreamEventParser.Parse(new ServerSentEvent("token", "{\"text\":\" world\"}")));
    }

    [Fact]
    public void ReadsARetrievalOnlyAnswerFromTheDoneEvent()
    {
        var parsed = AskStreamEventParser.Parse(new ServerSentEvent("done",
            "{\"backend\":\"none\",\"model\":null,\"fallback\":false,\"conversationId\":\"c1\",\"strategy\":\"factual\",\"cached\":false,\"cited\":[1,2],\"timings\":{\"retrievalMs\":3.5,\"generationMs\":0,\"totalMs\":4}}"));

        var done = Assert.IsType<AskDoneEvent>(parsed);
        Assert.Equal("none", done.Backend);
        Assert.Null(done.Model);
        Assert.Equal([1, 2], done.Cited);
        Assert.Equal(3.5, done.Timings!.RetrievalMs);
    }

    [Fact]
    public void ReadsADoneEventThatLeavesOutTheCitedList()
    {
        var done = Assert.IsType<AskDoneEvent>(AskStreamEventParser.Parse(new ServerSentEvent("done",
            "{\"backend\":\"vllm\",\"fallback\":false,\"conversationId\":\"c1\",\"cached\":true}")));

        Assert.Empty(done.Cited);
        Assert.True(done.Cached);
    }

    [Fact]
    public void ReadsTheDetailOfAnErrorEvent()
    {
        Assert.Equal(new AskErrorEvent("vLLM stopped mid-answer"),
            AskStreamEventParser.Parse(new ServerSentEvent("error", "{\"detail\":\"vLLM stopped mid-answer\"}")));
    }

    [Fact]
    public void IgnoresEventTypesItDoesNotKnow()
    {
        Assert.Null(AskStreamEventParser.Parse(new ServerSentEvent("progress", "{}")));
    }

    [Fact]
    public void TurnsUnreadableEventDataIntoAnError()
    {
        Assert.IsType<AskErrorEvent>(AskStreamEventParser.Parse(new ServerSentEvent("citations", "{not json")));
    }
}
