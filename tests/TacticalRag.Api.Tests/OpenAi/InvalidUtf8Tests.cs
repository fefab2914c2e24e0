using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.OpenAi;

/// <summary>
/// Bytes that are not UTF-8 inside a JSON string, on every field of <c>/v1</c> that takes text: a 400
/// <c>invalid_request_error</c> naming the parameter, never a 500. Also the total character limit over a conversation.
/// </summary>
public sealed class InvalidUtf8Tests : IAsyncLifetime
{
    private ModelServerSimulator _llm = null!;
    private GatewayHost _api = null!;

    public async Task InitializeAsync()
    {
        _llm = await ModelServerSimulator.StartAsync();
        _api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, new Dictionary<string, string?> { ["OpenAi:MaxConversationChars"] = "20000" });
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _llm.DisposeAsync();
    }

    /// <summary>Bodies with <c>BAD</c> where the invalid byte 0xFF goes.</summary>
    public static TheoryData<string, string, string> Bodies => new()
    {
        { "/v1/chat/completions", """{"model":"tacticalrag","messages":[{"role":"user","content":"BAD"}]}""", "messages[0].content" },
        { "/v1/chat/completions", """{"model":"tacticalrag-chat","messages":[{"role":"user","content":"BAD"}]}""", "messages[0].content" },
        { "/v1/chat/completions", """{"model":"tacticalrag-chat","messages":[{"role":"user","content":[{"type":"text","text":"BAD"}]}]}""", "messages[0].content" },
        { "/v1/chat/completions", """{"model":"tacticalrag-chat","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"BAD"},{"role":"user","content":"and?"}]}""", "messages[1].content" },
        { "/v1/chat/completions", """{"model":"tacticalrag-chat","stop":"BAD","messages":[{"role":"user","content":"hi"}]}""", "stop" },
        { "/v1/chat/completions", """{"model":"tacticalrag-chat","stop":["ok","BAD"],"messages":[{"role":"user","content":"hi"}]}""", "stop" },
        { "/v1/chat/completions", """{"model":"tacticalrag-chat","messages":[{"role":"BAD","content":"hi"}]}""", "messages[0].role" },
        { "/v1/chat/completions", """{"model":"BAD","messages":[{"role":"user","content":"hi"}]}""", "model" },
        { "/v1/chat/completions", """{"model":"tacticalrag-chat","messages":[{"role":"user","name":"BAD","content":"hi"}]}""", "messages[0].name" },
        { "/v1/embeddings", """{"model":"tacticalrag-embed","input":"BAD"}""", "input" },
        { "/v1/embeddings", """{"model":"tacticalrag-embed","input":["fine","BAD"]}""", "input" },
        { "/v1/embeddings", """{"model":"tacticalrag-embed","input":"ok","user":"BAD"}""", "user" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task InvalidUtf8InAnyFieldIs400NamingTheParameter(string path, string body, string param)
    {
        var parts = body.Split("BAD");
        byte[] bytes = [.. Encoding.UTF8.GetBytes(parts[0]), 0x61, 0xFF, 0xFE, 0x62, .. Encoding.UTF8.GetBytes(parts[1])];
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _api.Client.PostAsync(path, content);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(0, _llm.GenerationRequests);
    }

    [Fact]
    public async Task AConversationOverTheTotalCharacterLimitIs400WithContextLengthExceeded()
    {
        var history = Enumerable.Range(0, 10).SelectMany(i => new object[]
        {
            new { role = "user", content = $"question {i}" },
            new { role = "assistant", content = new string('a', 2_500) },
        }).Append(new { role = "user", content = "And the convoy spacing?" });

        using var response = await _api.Client.PostAsJsonAsync("/v1/chat/completions", new { model = "tacticalrag", messages = history });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("messages", error.GetProperty("param").GetString());
        Assert.Contains("OpenAi:MaxConversationChars", error.GetProperty("message").GetString());
        Assert.Equal(0, _llm.GenerationRequests);
    }
}
