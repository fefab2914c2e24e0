using System.ClientModel.Primitives;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Llm;

namespace TacticalRag.UnitTests.Llm;

public sealed class FailoverChatClientTests
{
    [Fact]
    public async Task ThePreferredBackendServesWhenItWorks()
    {
        var (client, vllm, ollama) = Create(new ScriptedChatClient(["a", "b"]), new ScriptedChatClient(["c"]));

        var response = await client.GetResponseAsync("q");

        Assert.Equal("ab", response.Text);
        Assert.Equal(new LlmServedBy("vllm", "v-model", false), response.GetServedBy());
        Assert.Equal(0, ollama.Calls);
    }

    [Fact]
    public async Task AFailureBeforeTheFirstTokenMovesToTheNextBackendAndMarksTheFirstDown()
    {
        var failing = new ScriptedChatClient([], failBeforeFirst: new HttpRequestException("refused", null, HttpStatusCode.InternalServerError));
        var (client, _, _, registry) = CreateWithRegistry(failing, new ScriptedChatClient(["c"]));

        var response = await client.GetResponseAsync("q");

        Assert.Equal(new LlmServedBy("ollama", "o-model", true), response.GetServedBy());
        Assert.True(registry.Find("vllm")!.State.IsKnownDown);
        Assert.Equal(FailureReason.ServerError, registry.Find("vllm")!.State.Current.LastReason);
    }

    [Fact]
    public async Task ABackendKnownDownIsSkippedWithoutBeingCalled()
    {
        var vllmClient = new ScriptedChatClient(["a"]);
        var (client, _, _, registry) = CreateWithRegistry(vllmClient, new ScriptedChatClient(["c"]));
        registry.Find("vllm")!.State.MarkDown(FailureReason.ConnectionFailed, "refused", DateTimeOffset.UtcNow);

        var response = await client.GetResponseAsync("q");

        Assert.Equal("ollama", response.GetServedBy()!.Backend);
        Assert.Equal(0, vllmClient.Calls);
    }

    [Fact]
    public async Task WhenEveryBackendIsKnownDownNoneIsCalledAndTheRequestFailsAtOnce()
    {
        var vllmClient = new ScriptedChatClient(["a"]);
        var ollamaClient = new ScriptedChatClient(["c"]);
        var (client, _, _, registry) = CreateWithRegistry(vllmClient, ollamaClient);
        foreach (var backend in registry.All)
        {
            backend.State.MarkDown(FailureReason.ConnectionFailed, "refused", DateTimeOffset.UtcNow);
        }

        var failure = await Assert.ThrowsAsync<NoLlmBackendAvailableException>(() => client.GetResponseAsync("q"));

        Assert.All(failure.Failures, f => Assert.Equal(FailureReason.KnownDown, f.Reason));
        Assert.Equal(0, vllmClient.Calls + ollamaClient.Calls);
    }

    [Fact]
    public async Task AnEmptyStreamWithoutAFinishReasonFailsOverToTheNextBackend()
    {
        var (client, _, _) = Create(new ScriptedChatClient([], finish: false), new ScriptedChatClient(["c"]));

        var response = await client.GetResponseAsync("q");

        Assert.Equal("ollama", response.GetServedBy()!.Backend);
    }

    [Fact]
    public async Task AStreamThatBreaksAfterItsFirstTokenIsNotSwitched()
    {
        var (client, _, ollama) = Create(new ScriptedChatClient(["a", "b", "c"], failAfterTokens: 1), new ScriptedChatClient(["z"]));

        List<string> received = [];
        var failure = await Assert.ThrowsAsync<LlmStreamInterruptedException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("q"))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal("a", string.Concat(received));
        Assert.Equal("vllm", failure.Backend);
        Assert.Equal(0, ollama.Calls);
    }

    [Fact]
    public async Task AWholeAnswerWhoseStreamsAllBreakIsNoAnswerAndNoBackendIsTriedTwice()
    {
        var vllm = new ScriptedChatClient(["a", "b"], failAfterTokens: 1);
        var (client, _, ollama, registry) = CreateWithRegistry(vllm, new ScriptedChatClient(["c", "d"], failAfterTokens: 1));
        // The health monitor could mark vLLM up again in between (a broken stream does not fail its probe).
        registry.Find("vllm")!.State.MarkUp(DateTimeOffset.UtcNow);

        var failure = await Assert.ThrowsAsync<NoLlmBackendAvailableException>(() => client.GetResponseAsync("q"));

        Assert.All(failure.Failures, f => Assert.Equal(FailureReason.StreamBroken, f.Reason));
        Assert.Equal(1, vllm.Calls);
        Assert.Equal(1, ollama.Calls);
    }

    [Fact]
    public async Task NoBackendAnsweringListsEveryFailure()
    {
        var (client, _, _) = Create(
            new ScriptedChatClient([], failBeforeFirst: new HttpRequestException("busy", null, HttpStatusCode.TooManyRequests)),
            new ScriptedChatClient([], failBeforeFirst: new HttpRequestException("gone", null, HttpStatusCode.NotFound)));

        var failure = await Assert.ThrowsAsync<NoLlmBackendAvailableException>(() => client.GetResponseAsync("q"));

        Assert.Equal([("vllm", FailureReason.RateLimited), ("ollama", FailureReason.ModelMissing)], failure.Failures.Select(f => (f.Backend, f.Reason)));
    }

    [Fact]
    public async Task AProgrammingErrorIsNotMistakenForABackendFailure()
    {
        var (client, _, ollama) = Create(new ScriptedChatClient([], failBeforeFirst: new InvalidOperationException("bug")), new ScriptedChatClient(["z"]));

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync("q"));
        Assert.Equal(0, ollama.Calls);
    }

    [Fact]
    public async Task DefaultsFromTheSeedAreSentWhenTheCallerSetsNone()
    {
        ChatOptions? seen = null;
        var capturing = new CapturingChatClient(options => seen = options);
        var (client, _, _) = Create(capturing, new ScriptedChatClient(["z"]));

        await client.GetResponseAsync("q");

        Assert.NotNull(seen);
        Assert.Equal(0.0f, seen.Temperature);
        Assert.Equal(0.9f, seen.TopP);
        Assert.Equal(40, seen.TopK);
        Assert.Equal(512, seen.MaxOutputTokens);
        Assert.Equal("v-model", seen.ModelId);
    }

    private static (BackendFailoverChatClient, IChatClient, ScriptedChatClient) Create(IChatClient vllm, ScriptedChatClient ollama)
    {
        var (client, v, o, _) = CreateWithRegistry(vllm, ollama);
        return (client, v, o);
    }

    private static (BackendFailoverChatClient, IChatClient, ScriptedChatClient, LlmBackendRegistry) CreateWithRegistry(IChatClient vllm, ScriptedChatClient ollama)
    {
        var registry = new LlmBackendRegistry(
        [
            new LlmBackend("vllm", "v-model", new Uri("http://vllm"), enabled: true, vllm),
            new LlmBackend("ollama", "o-model", new Uri("http://ollama"), enabled: true, ollama),
        ]);
        var telemetry = new LlmTelemetry(new TestMeterFactory(), registry);
        var client = new BackendFailoverChatClient(registry, telemetry, new FallbackLog(TimeProvider.System), Options.Create(new LlmOptions()), TimeProvider.System, NullLogger<BackendFailoverChatClient>.Instance);
        return (client, vllm, ollama, registry);
    }

    private sealed class CapturingChatClient(Action<ChatOptions?> capture) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            capture(options);
            return new ScriptedChatClient(["ok"]).GetStreamingResponseAsync(messages, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
