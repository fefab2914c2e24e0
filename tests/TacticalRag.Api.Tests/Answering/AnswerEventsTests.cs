using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Llm;
using TacticalRag.Api.Tests.OpenAi;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Answering;

/// <summary>
/// One answer pipeline behind every endpoint: a cached answer is told as a fresh one is (the same events, sources and
/// text, only <c>cached</c> differs), and an answer that breaks off mid-way ends with an error and leaves nothing behind
/// (no turn recorded, nothing cached).
/// </summary>
public sealed class AnswerEventsTests : IAsyncLifetime
{
    /// <summary>These tests expect vLLM to answer: on a busy shared machine the tests' 1.5 s first-token bound would fail it over.</summary>
    private static readonly Dictionary<string, string?> Patient = new() { ["Llm:FirstTokenTimeout"] = "00:00:10" };

    private ModelServers _servers = null!;

    public async Task InitializeAsync()
    {
        _servers = await ModelServers.StartAsync(settings: Patient);
        await _servers.Client.IngestSamplesAsync("an-prc-990-operator-manual.pdf", "convoy-sop.txt");
    }

    public async Task DisposeAsync() => await _servers.DisposeAsync();

    [Fact]
    public async Task ACachedAnswerStreamsTheSameEventsAsTheFreshOne()
    {
        const string question = "What is the battery life of the AN/PRC-990?";
        var fresh = await _servers.Client.AskStreamAsync(question);
        var generated = _servers.Vllm.GenerationRequests;
        var cached = await _servers.Client.AskStreamAsync(question);

        Assert.Equal(generated, _servers.Vllm.GenerationRequests);
        Assert.Equal(["citations", "token", "done"], Kinds(fresh));
        Assert.Equal(Kinds(fresh), Kinds(cached));
        var (freshSources, cachedSources) = (fresh.Events[0].Data, cached.Events[0].Data);
        Assert.Equal(freshSources.GetProperty("citations").GetRawText(), cachedSources.GetProperty("citations").GetRawText());
        foreach (var field in new[] { "strategy", "standaloneQuestion", "ranking", "rerankSkipped", "passagesDropped" })
        {
            Assert.Equal(freshSources.GetProperty(field).GetRawText(), cachedSources.GetProperty(field).GetRawText());
        }
        Assert.Equal(fresh.Text, cached.Text);
        Assert.Contains("[1]", cached.Text);
        var (freshDone, cachedDone) = (fresh.Last("done")!.Value, cached.Last("done")!.Value);
        foreach (var field in new[] { "backend", "model", "fallback", "strategy", "cited", "ranking", "rerankSkipped", "passagesDropped" })
        {
            Assert.Equal(freshDone.GetProperty(field).GetRawText(), cachedDone.GetProperty(field).GetRawText());
        }
        Assert.False(freshDone.GetProperty("cached").GetBoolean());
        Assert.True(cachedDone.GetProperty("cached").GetBoolean());
        // Each ask is its own conversation, named alike in its first and last event.
        Assert.NotEqual(freshSources.GetProperty("conversationId").GetString(), cachedSources.GetProperty("conversationId").GetString());
        Assert.Equal(cachedSources.GetProperty("conversationId").GetString(), cachedDone.GetProperty("conversationId").GetString());
    }

    [Fact]
    public async Task AStreamThatBreaksOffMidAnswerEndsWithAnErrorAndLeavesNothingBehind()
    {
        const string question = "What is the maximum number of vehicles in one convoy serial?";
        await _servers.Vllm.SetFaultAsync(SimFault.StreamCut);
        var broken = await _servers.Client.AskStreamAsync(question);
        await _servers.Vllm.SetFaultAsync(SimFault.None);

        Assert.Equal("citations", broken.Events[0].Event);
        Assert.NotEmpty(broken.Text);
        Assert.Equal("error", broken.Events[^1].Event);
        Assert.Contains("vllm", broken.Events[^1].Data.GetProperty("detail").GetString());
        Assert.Null(broken.Last("done"));
        var conversationId = broken.Events[0].Data.GetProperty("conversationId").GetString();
        using var conversation = await _servers.Client.GetAsync($"/api/conversations/{conversationId}");
        Assert.Equal(HttpStatusCode.NotFound, conversation.StatusCode);

        var generated = _servers.Vllm.GenerationRequests + _servers.Ollama.GenerationRequests;
        var asked = await _servers.Client.AskOkAsync(question);

        Assert.False(asked.GetProperty("cached").GetBoolean());
        Assert.True(_servers.Vllm.GenerationRequests + _servers.Ollama.GenerationRequests > generated);
        Assert.NotEqual(broken.Text, asked.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task AnOpenAiClientGetsACachedGroundedAnswerAsItGotTheFreshOne()
    {
        var body = new
        {
            model = "tacticalrag", stream = true,
            messages = new[] { new { role = "user", content = "How much does the AN/PRC-990 weigh?" } },
        };
        var fresh = await StreamChatAsync(body);
        var cached = await StreamChatAsync(body);

        Assert.True(fresh.Done && cached.Done);
        Assert.Equal(Content(fresh.Chunks), Content(cached.Chunks));
        var (freshLast, cachedLast) = (Extension(fresh.Chunks), Extension(cached.Chunks));
        Assert.Equal(freshLast.GetProperty("citations").GetRawText(), cachedLast.GetProperty("citations").GetRawText());
        Assert.Equal(freshLast.GetProperty("backend").GetString(), cachedLast.GetProperty("backend").GetString());
        Assert.False(freshLast.GetProperty("cached").GetBoolean());
        Assert.True(cachedLast.GetProperty("cached").GetBoolean());
        Assert.Equal("stop", cached.Chunks.Select(FinishReason).Last(r => r is not null));
    }

    private async Task<(List<JsonElement> Chunks, bool Done)> StreamChatAsync(object body)
    {
        using var response = await _servers.Client.PostAsJsonAsync("/v1/chat/completions", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await OpenAiSdk.ReadDataEventsAsync(response);
    }

    /// <summary>The events' kinds, a run of tokens counted once: a cached answer comes as one token, a fresh one as many.</summary>
    private static string[] Kinds(StreamResult stream) =>
        stream.Events.Select(e => e.Event).Where((kind, i) => i == 0 || kind != stream.Events[i - 1].Event).ToArray();

    private static string Content(List<JsonElement> chunks) => string.Concat(chunks
        .SelectMany(c => c.GetProperty("choices").EnumerateArray())
        .Select(c => c.GetProperty("delta").TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString() : ""));

    private static JsonElement Extension(List<JsonElement> chunks) =>
        chunks.Last(c => c.TryGetProperty("tacticalrag", out var extension) && extension.ValueKind == JsonValueKind.Object).GetProperty("tacticalrag");

    private static string? FinishReason(JsonElement chunk) =>
        chunk.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("finish_reason")).FirstOrDefault() is { ValueKind: JsonValueKind.String } reason
            ? reason.GetString() : null;
}
