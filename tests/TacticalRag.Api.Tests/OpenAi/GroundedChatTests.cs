using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Llm;

namespace TacticalRag.Api.Tests.OpenAi;

/// <summary>Model <c>tacticalrag</c>: cited answers over the library for OpenAI clients, with the earlier turns as memory.</summary>
public sealed class GroundedChatTests : IAsyncLifetime
{
    /// <summary>These tests expect vLLM to answer: on a busy shared machine the tests' 1.5 s first-token bound would fail it over.</summary>
    private static readonly Dictionary<string, string?> Patient = new() { ["Llm:FirstTokenTimeout"] = "00:00:10" };

    private const string Model = "tacticalrag";
    private const string Question = "What is the maximum number of vehicles in one convoy serial?";
    private ModelServers _servers = null!;

    public async Task InitializeAsync()
    {
        _servers = await ModelServers.StartAsync(settings: Patient);
        await _servers.Client.IngestSamplesAsync("convoy-sop.txt", "tg-45-generator-manual.docx");
    }

    public async Task DisposeAsync() => await _servers.DisposeAsync();

    [Fact]
    public async Task AGroundedAnswerCitesItsSourcesInTheTextAndInTheExtension()
    {
        var (response, body) = await _servers.Client.PostJsonAsync("/v1/chat/completions",
            new { model = Model, user = "tester-1", messages = new[] { new { role = "user", content = Question } } });

        Assert.True(response.IsSuccessStatusCode, body.ToString());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        var message = body.GetProperty("choices")[0].GetProperty("message");
        Assert.Contains("[1]", message.GetProperty("content").GetString());
        var extension = message.GetProperty("tacticalrag");
        var citation = extension.GetProperty("citations")[0];
        Assert.Equal(1, citation.GetProperty("index").GetInt32());
        Assert.Contains("no more than 12 vehicles", citation.GetProperty("text").GetString());
        Assert.Equal("vllm", extension.GetProperty("backend").GetString());
        Assert.False(extension.GetProperty("fallback").GetBoolean());
        Assert.Equal("factual", extension.GetProperty("strategy").GetString());
        Assert.Equal("vllm", response.Headers.GetValues("x-tacticalrag-backend").Single());
        Assert.True(body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task TheSdkStreamsAGroundedAnswerAndTheLastChunkCarriesTheCitations()
    {
        var chat = OpenAiSdk.Client(_servers.Gateway).GetChatClient(Model);
        var text = "";
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("How often should the TG-45 engine oil be changed?")]))
        {
            text += string.Concat(update.ContentUpdate.Select(p => p.Text));
        }
        using var raw = await _servers.Client.PostAsJsonAsync("/v1/chat/completions",
            new { model = Model, stream = true, messages = new[] { new { role = "user", content = "How often should the TG-45 engine oil be changed?" } } });
        var (chunks, done) = await OpenAiSdk.ReadDataEventsAsync(raw);

        Assert.Contains("[1]", text);
        Assert.True(done);
        var final = chunks.Single(c => c.TryGetProperty("tacticalrag", out _));
        Assert.Equal("stop", final.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Contains("every 250 hours", final.GetProperty("tacticalrag").GetProperty("citations")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task EarlierTurnsBecomeTheConversationTheFollowUpIsAnsweredIn()
    {
        var (_, body) = await _servers.Client.PostJsonAsync("/v1/chat/completions", new
        {
            model = Model,
            messages = new object[]
            {
                new { role = "system", content = "You are a helpful assistant." },
                new { role = "user", content = Question },
                new { role = "assistant", content = "No more than 12 vehicles [1]." },
                new { role = "user", content = "And the spacing between them?" },
            },
        });

        var conversationId = body.GetProperty("choices")[0].GetProperty("message").GetProperty("tacticalrag").GetProperty("conversation_id").GetString();
        var conversation = JsonDocument.Parse(await _servers.Client.GetStringAsync($"/api/conversations/{conversationId}")).RootElement;
        var turns = conversation.GetProperty("turns").EnumerateArray().ToArray();
        Assert.Equal(2, turns.Length);
        Assert.Equal(Question, turns[0].GetProperty("question").GetString());
        Assert.Equal("And the spacing between them?", turns[1].GetProperty("question").GetString());
    }

    [Fact]
    public async Task MicrosoftExtensionsAiChatClientGetsGroundedAnswers()
    {
        IChatClient client = OpenAiSdk.Client(_servers.Gateway).GetChatClient(Model).AsIChatClient();

        var answer = await client.GetResponseAsync([new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, Question)]);

        Assert.Contains("[1]", answer.Text);
        Assert.Equal(Model, answer.ModelId);
    }
}
