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
    private const string Model = "tacticalrag-chat";

    [Fact]
    public async Task TheSdkListsTheServedModelsAndLooksOneUp()
    {
        await using var servers = await ModelServers.StartAsync();
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
        await using var servers = await ModelServers.StartAsync();
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
        await using var servers = await ModelServers.StartAsync();
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
        await using var servers = await ModelServers.StartAsync();

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
    public async Task VllmFailingMidConversationHandsTheNextTurnToOllamaAndSaysSo()
    {
        await using var servers = await ModelServers.StartAsync();
        var chat = OpenAiSdk.Client(servers.Gateway).GetChatClient(Model);
        List<OpenAI.Chat.ChatMessage> conversation = [new UserChatMessage("Which route does the convoy take?")];
        var first = await chat.CompleteChatAsync(conversation);
        conversation.Add(new AssistantChatMessage(first.Value));
        conversation.Add(new UserChatMessage("And the alternate route?"));

        await servers.Vllm.SetFaultAsync(SimFault.ServerError);
        var second = await chat.CompleteChatAsync(conversation);

        Assert.Equal("vllm", first.Header("x-tacticalrag-backend"));
        Assert.Equal("ollama", second.Header("x-tacticalrag-backend"));
        Assert.Equal("true", second.Header("x-tacticalrag-fallback"));
        Assert.Contains($"Simulated answer from {ModelServers.OllamaModel}", second.Value.Content[0].Text);
    }

    [Fact]
    public async Task AStreamThatBreaksAfterTheFirstTokenThrowsInTheSdk()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.StreamCut);
        var chat = OpenAiSdk.Client(servers.Gateway).GetChatClient(Model);

        var received = "";
        var failure = await Record.ExceptionAsync(async () =>
        {
            await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Send the long report")]))
            {
                received += string.Concat(update.ContentUpdate.Select(p => p.Text));
            }
        });

        Assert.NotNull(failure);
        Assert.NotEmpty(received);
    }

    [Fact]
    public async Task ABrokenStreamEndsWithAnErrorEventAndNoDone()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.StreamCut);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = Model, stream = true, messages = new[] { new { role = "user", content = "Send the long report" } } }),
        };
        using var response = await servers.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        List<string> events = [];
        var ended = await Record.ExceptionAsync(async () =>
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal)) events.Add(line["data: ".Length..]);
            }
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(ended); // the connection is dropped, not closed as if the answer were whole
        Assert.DoesNotContain("[DONE]", events);
        var error = System.Text.Json.JsonDocument.Parse(events[^1]).RootElement;
        OpenAiSdk.AssertError(error, "server_error", "stream_interrupted");
        Assert.Contains(events, e => e.Contains("\"content\":\"Simulated\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoBackendAnsweringIs503ForTheChatModel()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.Refuse, ollamaFault: SimFault.ServerError);
        var chat = OpenAiSdk.Client(servers.Gateway).GetChatClient(Model);

        var failure = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("Anyone?")]));
        var (raw, body) = await servers.Client.PostJsonAsync("/v1/chat/completions", new { model = Model, stream = true, messages = new[] { new { role = "user", content = "Anyone?" } } });

        Assert.Equal(503, failure.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, raw.StatusCode);
        Assert.NotNull(raw.Headers.RetryAfter);
        OpenAiSdk.AssertError(body, "server_error", "no_backend_available");
    }

    [Fact]
    public async Task MicrosoftExtensionsAiChatClientOverTheSdkGetsWholeAndStreamedAnswers()
    {
        await using var servers = await ModelServers.StartAsync();
        IChatClient client = OpenAiSdk.Client(servers.Gateway).GetChatClient(Model).AsIChatClient();

        var whole = await client.GetResponseAsync([new AiChatMessage(ChatRole.User, "Status of the generator?")]);
        var streamed = await client.GetStreamingResponseAsync([new AiChatMessage(ChatRole.User, "Status of the radio?")]).ToChatResponseAsync();

        Assert.Contains("Status of the generator?", whole.Text);
        Assert.True(whole.Usage?.TotalTokenCount > 0);
        Assert.Contains("Status of the radio?", streamed.Text);
        Assert.Equal(Microsoft.Extensions.AI.ChatFinishReason.Stop, streamed.FinishReason);
    }

    [Fact]
    public async Task ABrokenStreamSurfacesAsAnExceptionThroughMicrosoftExtensionsAi()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.StreamCut);
        IChatClient client = OpenAiSdk.Client(servers.Gateway).GetChatClient(Model).AsIChatClient();

        await Assert.ThrowsAnyAsync<Exception>(async () =>
            await client.GetStreamingResponseAsync([new AiChatMessage(ChatRole.User, "Send the long report")]).ToChatResponseAsync());
    }
}
