using Microsoft.Extensions.Diagnostics.HealthChecks;
using TacticalRag.Api.Llm;
using TacticalRag.Api.ModelServerKit;
using TacticalRag.Api.Reranking;
using TacticalRag.UnitTests.Llm;

namespace TacticalRag.UnitTests.ModelServerKit;

/// <summary>
/// The one state machine every model server shares (LLM backends, reranker, embedding server): Unknown, then what the
/// latest probe or call says, the last error and its typed reason kept across a recovery, each change reported once.
/// </summary>
public sealed class ModelServerStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AServerIsUnknownUntilItsFirstObservationAndEachChangeReturnsThePreviousAvailability()
    {
        var state = new BackendState();
        Assert.Equal(ModelServerAvailability.Unknown, state.Current.Availability);
        Assert.False(state.IsKnownDown);

        Assert.Equal(ModelServerAvailability.Unknown, state.Observe(new ProbeProblem(ModelServerFailure.TimedOut, "no answer"), Now));
        Assert.True(state.IsKnownDown);
        Assert.Equal(ModelServerAvailability.Down, state.Observe(new ProbeProblem(ModelServerFailure.TimedOut, "no answer"), Now));
        Assert.Equal(ModelServerAvailability.Down, state.Observe(null, Now.AddSeconds(5)));
        Assert.Equal(ModelServerAvailability.Up, state.MarkUp(Now.AddSeconds(10)));
        Assert.Equal(Now.AddSeconds(10), state.Current.LastCheckedUtc);
    }

    [Fact]
    public void TheLastErrorAndItsReasonStayVisibleAfterARecoveryAndTheNextFailureReplacesThem()
    {
        var state = new BackendState();
        state.MarkDown(FailureReason.Stalled, "no token for 10 s", Now);
        state.MarkUp(Now.AddSeconds(1));

        Assert.Equal(ModelServerAvailability.Up, state.Current.Availability);
        Assert.Equal("no token for 10 s", state.Current.LastError);
        Assert.Equal(FailureReason.Stalled, state.Current.LastReason);

        state.Observe(ProbeProblem.ModelMissing("model 'm' is not served (serving: none)"), Now.AddSeconds(2));
        Assert.Equal(FailureReason.ModelMissing, state.Current.LastReason);
    }

    [Theory]
    [InlineData(ModelServerFailure.ModelMissing, null, "the listing is empty", FailureReason.ModelMissing)]
    [InlineData(ModelServerFailure.ErrorStatus, 404, "GET /v1/models answered 404", FailureReason.ServerError)]
    [InlineData(ModelServerFailure.ErrorStatus, 503, "model loading: GET /health answered 503", FailureReason.ServerError)]
    [InlineData(ModelServerFailure.ErrorStatus, 401, "GET /v1/models answered 401", FailureReason.Unauthorized)]
    [InlineData(ModelServerFailure.TimedOut, null, "model still loading: no answer", FailureReason.FirstTokenTimeout)]
    [InlineData(ModelServerFailure.MalformedAnswer, null, "model list cut short", FailureReason.MalformedResponse)]
    [InlineData(ModelServerFailure.Unreachable, null, "model server refused", FailureReason.ConnectionFailed)]
    public void AFailedProbeIsClassifiedByItsTypeNeverByTheWordsOfItsMessage(
        ModelServerFailure kind, int? status, string message, FailureReason expected)
    {
        var state = new BackendState();

        state.Observe(new ProbeProblem(kind, message, status), Now);

        Assert.Equal(expected, state.Current.LastReason);
        Assert.Equal(message, state.Current.LastError);
    }

    [Fact]
    public void AnOptionalServersLiveCallFailureIsDownWithoutAGuessedReasonAndItsProbeFailuresKeepTheirKind()
    {
        var state = new RerankerState();

        state.MarkDown("the rerank call timed out", Now);
        Assert.True(state.IsKnownDown);
        Assert.Null(state.Current.LastReason);

        state.Observe(new ProbeProblem(ModelServerFailure.ErrorStatus, "GET /health answered 503", 503), Now);
        Assert.Equal(ModelServerFailure.ErrorStatus, state.Current.LastReason);
    }

    [Fact]
    public async Task TheLlmBackendsReportThroughTheKitsHealthCheckWithEachStateNamedAndTheFallbackSaid()
    {
        using var registry = new LlmBackendRegistry(
        [
            new LlmBackend("vllm", "m", new Uri("http://vllm"), enabled: true, new ScriptedChatClient([])),
            new LlmBackend("ollama", "m", new Uri("http://ollama"), enabled: true, new ScriptedChatClient([])),
        ]);
        registry.Find("vllm")!.State.MarkDown(FailureReason.ConnectionFailed, "refused", Now);
        registry.Find("ollama")!.State.MarkUp(Now);

        var result = await new ModelServerHealthCheck(BackendProbe.Group(registry, new LlmOptions())).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("down", result.Data["vllm"]);
        Assert.Equal("up", result.Data["ollama"]);
        Assert.Contains("refused", result.Description);
        Assert.Contains("ollama stands in", result.Description);
    }

    [Fact]
    public async Task ModelServersLeftOutAreNotConfiguredAndTheApiIsHealthyWithoutThem()
    {
        using var registry = new LlmBackendRegistry(
        [
            new LlmBackend("vllm", "m", new Uri("http://vllm"), enabled: true, new ScriptedChatClient([]), configured: false),
            new LlmBackend("ollama", "m", new Uri("http://ollama"), enabled: true, new ScriptedChatClient([]), configured: false),
        ]);

        var result = await new ModelServerHealthCheck(BackendProbe.Group(registry, new LlmOptions())).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("not_configured", result.Data["vllm"]);
        Assert.Equal("not_configured", registry.Find("ollama")!.StateName);
    }
}
