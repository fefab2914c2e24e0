using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using TacticalRag.Api.Tests.Llm;
using TacticalRag.ModelServerSim;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using ChatFinishReason = OpenAI.Chat.ChatFinishReason;

namespace TacticalRag.Api.Tests.OpenAi;

/// <summary>Model <c>tacticalrag-chat</c> through the official OpenAI SDK: the gateway behind OpenAI's API, failover included.</summary>
public sealed class GatewayChatTests
{
    /// <summary>These tests expect vLLM to answer: on a busy shared machine the tests' 1.5 s first-token bound would fail it over.</summary>
    private static readonly Dictionary<string, string?> Patient = new() { ["Llm:FirstTokenTimeout"] = "00:00:10" };

    private const string Model = "tacticalrag-chat";

    [Fact]
    public async Task TheSdkListsTheServedModelsAndLooksOneUp()
    {
        await using var servers = await ModelServers.StartAsync(settings: Patient);
        var models = OpenAiSdk.Client(servers.Gateway).GetOpenAIModelClient();

        var listed = (await models.GetModelsAsync()).Value.Select(m => m.Id).ToList();
        var one = (await models.GetModelAsync(Model)).Value;

        Assert.Contains("tacticalrag", listed);
        Assert.Contains(Model, listed);
        Assert.Contains("snowflake-arctic-embed-xs", listed);
        Assert.Contains("tacticalrag-embed", listed);
        Assert.Equal("tacticalrag", one.OwnedBy);
    }

    [Fact]
    public async Task AChatCompletionComesFromVllmWithUsageAndTheBackendInHeaders()
    {
        await using var servers = await ModelServers.StartAsync(settings: Patient);
        var chat = OpenAiSdk.Client(servers.Gateway).GetChatClient(Model);

        var result = await chat.CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("Say hello to the convoy")],
            new ChatCompletionOptions { Temperature = 0.2f, MaxOutputTokenCount = 64 });

        var completion = result.Value;
        Assert.StartsWith("chatcmpl-", completion.Id);
        Assert.Equal(Model, completion.Model);
        Assert.Contains($"Simulated answer from {ModelServers.VllmModel}", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.True(completion.Usage.InputTokenCount > 0 && completion.Usage.OutputTokenCount > 0);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
        Assert.Equal("vllm", result.Header("x-tacticalrag-backend"));
        Assert.Equal("false", result.Header("x-tacticalrag-fallback"));
    }

    [Fact]
    public async Task AStreamedCompletionArrivesInChunksAndEndsWithUsage()
    {
        await using var servers = await ModelServers.StartAsync(settings: Patient);
        var chat = OpenAiSdk.Client(servers.Gateway).GetChatClient(Model);

        var text = "";
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        var updates = 0;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Report the fuel state of the convoy")]))
        {
            updates++;
            text += string.Concat(update.ContentUpdate.Select(p => p.Text));
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.True(updates > 3);
        Assert.Contains("Report the fuel state of the convoy", text);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.True(usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task TheRawStreamHasOpenAisChunkShapeAUsageChunkAndDone()
    {
        await using var servers = await ModelServers.StartAsync(settings: Patient);

        using var response = await servers.Client.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = Model, stream = true, stream_options = new { include_usage = true },
            messages = new object[] { new { role = "user", content = new[] { new { type = "text", text = "Two parts" }, new { type = "text", text = "of one question" } } } },
        });
        var (chunks, done) = await OpenAiSdk.ReadDataEventsAsync(response);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("vllm", response.Headers.GetValues("x-tacticalrag-backend").Single());
        Assert.True(done);
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var final = chunks[^2];
        Assert.Equal("stop", final.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("vllm", final.GetProperty("tacticalrag").GetProperty("backend").GetString());
        var usageChunk = chunks[^1];
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        Assert.True(usageChunk.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task MicrosoftExtensionsAiChatClientOverTheSdkGetsWholeAndStreamedAnswers()
    {
        await using var servers = await ModelServers.StartAsync(settings: Patient);
        IChatClient client = OpenAiSdk.Client(servers.Gateway).GetChatClient(Model).AsIChatClient();

        var whole = await client.GetResponseAsync([new AiChatMessage(ChatRole.User, "Status of the generator?")]);
        var streamed = await client.GetStreamingResponseAsync([new AiChatMessage(ChatRole.User, "Status of the radio?")]).ToChatResponseAsync();

        Assert.Contains("Status of the generator?", whole.Text);
        Assert.True(whole.Usage?.TotalTokenCount > 0);
        Assert.Contains("Status of the radio?", streamed.Text);
        Assert.Equal(Microsoft.Extensions.AI.ChatFinishReason.Stop, streamed.FinishReason);
    }
}
