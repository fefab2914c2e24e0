using OpenAI.Chat;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Llm;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.OpenAi;

/// <summary>Model <c>tacticalrag</c> when the model servers fail: a fallback mid-conversation, and passages when none answers.</summary>
public sealed class DegradedGroundedChatTests : IAsyncLifetime
{
    private ModelServers _servers = null!;

    public async Task InitializeAsync()
    {
        _servers = await ModelServers.StartAsync();
        await _servers.Client.IngestSamplesAsync("convoy-sop.txt");
    }

    public async Task DisposeAsync() => await _servers.DisposeAsync();

    [Fact]
    public async Task VllmFailingMidConversationHandsTheGroundedFollowUpToOllama()
    {
        var chat = OpenAiSdk.Client(_servers.Gateway).GetChatClient("tacticalrag");
        List<ChatMessage> conversation = [new UserChatMessage("What is the maximum number of vehicles in one convoy serial?")];
        var first = await chat.CompleteChatAsync(conversation);
        conversation.Add(new AssistantChatMessage(first.Value));
        conversation.Add(new UserChatMessage("What spacing do they keep?"));

        await _servers.Vllm.SetFaultAsync(SimFault.ServerError);
        var second = await chat.CompleteChatAsync(conversation);

        Assert.Equal("vllm", first.Header("x-tacticalrag-backend"));
        Assert.Equal("ollama", second.Header("x-tacticalrag-backend"));
        Assert.Equal("true", second.Header("x-tacticalrag-fallback"));
        Assert.Contains($"Simulated answer from {ModelServers.OllamaModel}", second.Value.Content[0].Text);
    }

    [Fact]
    public async Task WithNoModelAnsweringTheGroundedModelStillAnswersWithPassages()
    {
        await _servers.Vllm.SetFaultAsync(SimFault.Refuse);
        await _servers.Ollama.SetFaultAsync(SimFault.ServerError);
        var chat = OpenAiSdk.Client(_servers.Gateway).GetChatClient("tacticalrag");

        var whole = await chat.CompleteChatAsync([new UserChatMessage("How far apart do convoy vehicles drive?")]);
        var streamed = "";
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Who commands a convoy serial?")]))
        {
            streamed += string.Concat(update.ContentUpdate.Select(p => p.Text));
        }

        Assert.Equal("none", whole.Header("x-tacticalrag-backend"));
        Assert.Equal("true", whole.Header("x-tacticalrag-fallback"));
        Assert.StartsWith(TacticalRag.Api.Answering.RetrievalOnlyAnswer.Heading, whole.Value.Content[0].Text);
        Assert.StartsWith(TacticalRag.Api.Answering.RetrievalOnlyAnswer.Heading, streamed);
    }
}
