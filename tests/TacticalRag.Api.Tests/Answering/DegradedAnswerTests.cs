using System.Text.Json;
using TacticalRag.Api.Answering;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Llm;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Answering;

/// <summary>Answers keep coming when model servers fail: through Ollama, or as labelled passages with no model at all.</summary>
public sealed class DegradedAnswerTests
{
    [Fact]
    public async Task WithNoModelServerTheAnswerIsTheRetrievedPassagesLabelledAsSuch()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.Refuse, ollamaFault: SimFault.Refuse);
        await servers.Client.IngestSamplesAsync("convoy-sop.txt");

        var answer = await servers.Client.AskOkAsync("What is the convoy speed limit at night under blackout drive?");

        Assert.Equal("none", answer.GetProperty("backend").GetString());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("model").ValueKind);
        Assert.StartsWith(RetrievalOnlyAnswer.Heading, answer.GetProperty("answer").GetString());
        Assert.Contains(answer.GetProperty("citations").EnumerateArray(), c => c.GetProperty("text").GetString()!.Contains("25 km/h"));
        Assert.False(answer.GetProperty("cached").GetBoolean());
    }

    [Fact]
    public async Task AConversationCarriesOnThroughOllamaWhenVllmFallsOverMidway()
    {
        await using var servers = await ModelServers.StartAsync();
        await servers.Client.IngestSamplesAsync("tg-45-generator-manual.docx");

        var first = await servers.Client.AskOkAsync("What is the continuous power output of the TG-45 generator?");
        var conversationId = first.GetProperty("conversationId").GetString()!;
        await servers.Vllm.SetFaultAsync(SimFault.Refuse);
        var second = await servers.Client.AskOkAsync("And how often should its oil be changed?", conversationId);

        Assert.Equal("vllm", first.GetProperty("backend").GetString());
        Assert.Equal("ollama", second.GetProperty("backend").GetString());
        Assert.True(second.GetProperty("fallback").GetBoolean());
        Assert.Equal(conversationId, second.GetProperty("conversationId").GetString());
        var conversation = JsonDocument.Parse(await servers.Client.GetStringAsync($"/api/conversations/{conversationId}")).RootElement;
        Assert.Equal(2, conversation.GetProperty("turns").GetArrayLength());
        Assert.Equal(["vllm", "ollama"], conversation.GetProperty("turns").EnumerateArray().Select(t => t.GetProperty("backend").GetString()));
    }

    [Fact]
    public async Task AFollowUpIsRewrittenBeforeRetrievalAndWithoutAModelCarriesThePreviousQuestionsTopic()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.Refuse, ollamaFault: SimFault.Refuse);
        await servers.Client.IngestSamplesAsync("tg-45-generator-manual.docx");

        var first = await servers.Client.AskOkAsync("What is the continuous power output of the TG-45 generator?");
        var second = await servers.Client.AskOkAsync("How often is its oil changed?", first.GetProperty("conversationId").GetString());

        // Without a model the follow-up is searched as its own words plus the topic (the previous question's names and
        // codes), not the whole previous question, whose words would bring its passages back.
        var standalone = second.GetProperty("standaloneQuestion").GetString()!;
        Assert.StartsWith("How often is its oil changed?", standalone);
        Assert.Contains("TG-45", standalone);
        Assert.DoesNotContain("continuous power output", standalone);
        Assert.Contains(second.GetProperty("citations").EnumerateArray(), c => c.GetProperty("text").GetString()!.Contains("250 hours"));
    }
}
