using System.ClientModel;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OpenAI.Chat;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.OpenAi;

/// <summary>Every error an OpenAI client can get here comes in OpenAI's shape, with the status its SDK expects.</summary>
public sealed class ErrorTests : IAsyncLifetime
{
    private const string Key = "openai-test-key-0123456789abcdef";
    private ModelServerSimulator _llm = null!;
    private GatewayHost _api = null!;

    public async Task InitializeAsync()
    {
        _llm = await ModelServerSimulator.StartAsync();
        _api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _llm.DisposeAsync();
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"model":"tacticalrag-chat","messages":[""", "messages[0]" },
        { """{"model":"tacticalrag-chat"}""", "messages" },
        { """{"model":"tacticalrag-chat","messages":[]}""", "messages" },
        { """{"messages":[{"role":"user","content":"hi"}]}""", "model" },
        { """{"model":"tacticalrag-chat","messages":[{"role":"wizard","content":"hi"}]}""", "messages[0].role" },
        { """{"model":"tacticalrag-chat","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}""", "messages[0].content" },
        { """{"model":"tacticalrag-chat","n":2,"messages":[{"role":"user","content":"hi"}]}""", "n" },
        { """{"model":"tacticalrag-chat","temperature":3,"messages":[{"role":"user","content":"hi"}]}""", "temperature" },
        { """{"model":"tacticalrag-chat","max_tokens":0,"messages":[{"role":"user","content":"hi"}]}""", "max_tokens" },
        { """{"model":"tacticalrag-chat","stop":[1],"messages":[{"role":"user","content":"hi"}]}""", "stop" },
        { """{"model":"tacticalrag","messages":[{"role":"system","content":"only rules"}]}""", "messages" },
        { """{"model":"tacticalrag-embed","messages":[{"role":"user","content":"hi"}]}""", "model" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task AnInvalidChatRequestIs400InvalidRequestErrorNamingTheParameter(string body, string param)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _api.Client.PostAsync("/v1/chat/completions", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        OpenAiSdk.AssertError(error, "invalid_request_error", param: param);
        Assert.Equal(0, _llm.GenerationRequests);
    }

    [Fact]
    public async Task TheSdkSeesNGreaterThanOneAsABadRequest()
    {
        var chat = OpenAiSdk.Client(_api).GetChatClient("tacticalrag-chat");

        var failure = await Assert.ThrowsAsync<ClientResultException>(() =>
            chat.CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions { Temperature = 9 }));

        Assert.Equal(400, failure.Status);
        Assert.Contains("temperature", failure.Message);
    }

    [Fact]
    public async Task AnUnknownModelIs404ModelNotFound()
    {
        var client = OpenAiSdk.Client(_api);

        var chat = await Assert.ThrowsAsync<ClientResultException>(() => client.GetChatClient("gpt-4o").CompleteChatAsync([new UserChatMessage("hi")]));
        var lookup = await Assert.ThrowsAsync<ClientResultException>(() => client.GetOpenAIModelClient().GetModelAsync("gpt-4o"));
        var embed = await Assert.ThrowsAsync<ClientResultException>(() => client.GetEmbeddingClient("text-embedding-3-small").GenerateEmbeddingAsync("hi"));
        var (_, body) = await _api.Client.PostJsonAsync("/v1/chat/completions", new { model = "gpt-4o", messages = new[] { new { role = "user", content = "hi" } } });

        Assert.Equal([404, 404, 404], new[] { chat.Status, lookup.Status, embed.Status });
        OpenAiSdk.AssertError(body, "invalid_request_error", "model_not_found", "model");
    }

    [Fact]
    public async Task WithAKeyConfiguredTheSdkGets401WithoutOrWithAWrongKeyAndAnswersWithTheRightOne()
    {
        await using var api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, new Dictionary<string, string?> { ["Security:ApiKey"] = Key });

        var wrong = await Assert.ThrowsAsync<ClientResultException>(() => OpenAiSdk.Client(api, "not-the-key").GetOpenAIModelClient().GetModelsAsync());
        using var none = await api.Client.GetAsync("/v1/models");
        var right = await OpenAiSdk.Client(api, Key).GetChatClient("tacticalrag-chat").CompleteChatAsync([new UserChatMessage("hi")]);
        using var legacy = new HttpRequestMessage(HttpMethod.Get, "/v1/models") { Headers = { { "X-Api-Key", Key } } };
        using var legacyAnswer = await api.Client.SendAsync(legacy);

        Assert.Equal(401, wrong.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/json", none.Content.Headers.ContentType?.MediaType);
        OpenAiSdk.AssertError(JsonDocument.Parse(await none.Content.ReadAsStringAsync()).RootElement, "invalid_request_error", "missing_api_key");
        Assert.Contains("invalid_api_key", wrong.GetRawResponse()?.Content.ToString());
        Assert.NotEmpty(right.Value.Content[0].Text);
        Assert.Equal(HttpStatusCode.OK, legacyAnswer.StatusCode);
    }

    [Fact]
    public async Task TheBearerKeyOpensTheRestOfTheApiToo()
    {
        await using var api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, new Dictionary<string, string?> { ["Security:ApiKey"] = Key });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/llm/backends");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        using var response = await api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AClientOverItsRateLimitGets429WithRetryAfterInOpenAisShape()
    {
        await using var api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, new Dictionary<string, string?>
        {
            ["Security:RateLimit:BurstLimit"] = "2",
            ["Security:RateLimit:PerSecond"] = "1",
        });
        var models = OpenAiSdk.Client(api).GetOpenAIModelClient();

        ClientResultException? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            try
            {
                await models.GetModelsAsync();
            }
            catch (ClientResultException exception)
            {
                limited = exception;
            }
        }

        Assert.NotNull(limited);
        Assert.Equal(429, limited.Status);
        var raw = limited.GetRawResponse()!;
        Assert.True(raw.Headers.TryGetValue("Retry-After", out var retryAfter) && int.Parse(retryAfter!) >= 1);
        OpenAiSdk.AssertError(JsonDocument.Parse(raw.Content.ToString()).RootElement, "requests", "rate_limit_exceeded");
    }
}
