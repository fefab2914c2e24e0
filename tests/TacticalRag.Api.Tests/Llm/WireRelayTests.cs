using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Llm;

/// <summary>
/// <c>/api/llm/invoke</c> and <c>/api/llm/stream</c> read the model servers' streams themselves (no client library):
/// text that JSON must escape, non-ASCII text and the caller's sampling settings make the round trip through both
/// wire formats unchanged, and the token events are byte for byte what the API's serializer writes.
/// </summary>
public sealed class WireRelayTests
{
    /// <summary>Twelve words the simulator echoes back, each needing care: quotes, a backslash, accents, CJK, an emoji, a tag.</summary>
    private const string Prompt = "Say \"roger\" C:\\radio\\net übermittelt 無線 📡 <b>&amp; tab\there";

    [Theory]
    [InlineData(false, "vllm", ModelServers.VllmModel)]
    [InlineData(true, "ollama", ModelServers.OllamaModel)]
    public async Task StreamAndInvokeCarryTheSameEscapedTextFromEitherBackend(bool vllmOff, string backend, string model)
    {
        await using var servers = await ModelServers.StartAsync(
            settings: vllmOff ? new Dictionary<string, string?> { ["USE_VLLM"] = "false" } : null);
        var expected = $"Simulated answer from {model}: " + string.Join(' ', Prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

        var invoked = await servers.Client.InvokeOkAsync(Prompt);
        var streamed = await servers.Client.StreamAsync(Prompt);

        Assert.Equal(expected, invoked.GetProperty("text").GetString());
        Assert.Equal(backend, invoked.GetProperty("backend").GetString());
        Assert.Equal(expected, streamed.Text);
        Assert.True(streamed.Events.Count(e => e.Event == "token") > 10, "one event per token");
        var done = streamed.Last("done") ?? throw new Xunit.Sdk.XunitException("no done event");
        Assert.Equal(backend, done.GetProperty("backend").GetString());
        Assert.Equal(model, done.GetProperty("model").GetString());
        Assert.False(done.GetProperty("fallback").GetBoolean());
    }

    [Fact]
    public async Task TokenEventsAreTheBytesTheSerializerWrites()
    {
        await using var servers = await ModelServers.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/llm/stream") { Content = JsonContent.Create(new { prompt = Prompt }) };

        using var response = await servers.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        // The API's serializer settings are ASP.NET Core's defaults (web naming, relaxed escaping).
        var api = new Microsoft.AspNetCore.Http.Json.JsonOptions().SerializerOptions;
        var tokens = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(e => e.StartsWith("event: token\n", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(tokens);
        foreach (var token in tokens)
        {
            var data = token["event: token\ndata: ".Length..];
            var text = JsonDocument.Parse(data).RootElement.GetProperty("text").GetString();
            Assert.Equal(JsonSerializer.Serialize(new TacticalRag.Api.Llm.LlmTokenEvent(text!), api), data);
        }
        Assert.Contains(tokens, t => t.Contains("roger", StringComparison.Ordinal));
        Assert.Contains(tokens, t => t.Contains("radio", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheCallersMaxTokensReachesTheBackend(bool vllmOff)
    {
        await using var servers = await ModelServers.StartAsync(
            settings: vllmOff ? new Dictionary<string, string?> { ["USE_VLLM"] = "false" } : null);

        using var response = await servers.Client.InvokeAsync(Prompt, maxTokens: 2);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Simulated answer", answer.GetProperty("text").GetString());
    }

    [Fact]
    public async Task AnErrorInsideTheStreamBeforeAnyTokenFallsOverWithItsMessage()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.InBandError,
            vllmOptions: new SimulatorOptions { StreamCutAfterTokens = 0 });

        var answer = await servers.Client.InvokeOkAsync("What is a PACE plan?");
        var fallbacks = JsonDocument.Parse(await servers.Client.GetStringAsync("/api/llm/fallbacks")).RootElement.GetProperty("fallbacks");

        Assert.Equal("ollama", answer.GetProperty("backend").GetString());
        Assert.True(answer.GetProperty("fallback").GetBoolean());
        var vllm = fallbacks.EnumerateArray().First(f => f.GetProperty("backend").GetString() == "vllm");
        Assert.Equal("server_error", vllm.GetProperty("reason").GetString());
        Assert.Equal("vllm sent an error inside its answer: The engine failed while generating (simulated).", vllm.GetProperty("detail").GetString());
    }
}
