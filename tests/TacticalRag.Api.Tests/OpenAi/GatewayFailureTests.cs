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

/// <summary>Model <c>tacticalrag-chat</c> when model servers fail: failover between turns, 503, streams that break off.</summary>
public sealed class GatewayFailureTests
{
    private const string Model = "tacticalrag-chat";

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
    public async Task ABrokenStreamSurfacesAsAnExceptionThroughMicrosoftExtensionsAi()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.StreamCut);
        IChatClient client = OpenAiSdk.Client(servers.Gateway).GetChatClient(Model).AsIChatClient();

        await Assert.ThrowsAnyAsync<Exception>(async () =>
            await client.GetStreamingResponseAsync([new AiChatMessage(ChatRole.User, "Send the long report")]).ToChatResponseAsync());
    }
}
