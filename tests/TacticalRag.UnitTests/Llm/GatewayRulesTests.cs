using System.ClientModel;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Polly;
using TacticalRag.Api.Llm;

namespace TacticalRag.UnitTests.Llm;

public sealed class GatewayRulesTests
{
    public static TheoryData<Exception, FailureReason> Failures => new()
    {
        { new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)), FailureReason.ConnectionFailed },
        { new ClientResultException("wrapped", null, new HttpRequestException(HttpRequestError.ConnectionError, "refused")), FailureReason.ConnectionFailed },
        { new HttpRequestException("missing", null, HttpStatusCode.NotFound), FailureReason.ModelMissing },
        { new HttpRequestException("busy", null, HttpStatusCode.TooManyRequests), FailureReason.RateLimited },
        { new HttpRequestException("boom", null, HttpStatusCode.BadGateway), FailureReason.ServerError },
        { new HttpRequestException("key", null, HttpStatusCode.Unauthorized), FailureReason.Unauthorized },
        { new JsonException("bad"), FailureReason.MalformedResponse },
        { new IOException("reset"), FailureReason.StreamBroken },
        { new HttpRequestException(HttpRequestError.ResponseEnded, "ended"), FailureReason.StreamBroken },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void BackendFailuresAreClassifiedByWhatTheServerDid(Exception exception, FailureReason expected)
    {
        Assert.True(FailureReasons.TryClassify(exception, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void AnUnrelatedExceptionIsNotABackendFailure() =>
        Assert.False(FailureReasons.TryClassify(new ArgumentNullException("x"), out _));

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    [InlineData(HttpStatusCode.GatewayTimeout, false)]
    [InlineData(HttpStatusCode.OK, false)]
    public void OnlyResponsesThatDidNoWorkAreRetried(HttpStatusCode status, bool retried) =>
        Assert.Equal(retried, LlmResilience.DidNoWork(Outcome.FromResult(new HttpResponseMessage(status))));

    [Fact]
    public void ARefusedConnectionIsRetriedButATimeoutIsNot()
    {
        Assert.True(LlmResilience.DidNoWork(Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "refused"))));
        Assert.False(LlmResilience.DidNoWork(Outcome.FromException<HttpResponseMessage>(new TaskCanceledException())));
    }

    [Fact]
    public void AHostNameThatDoesNotResolveIsNotRetried()
    {
        var notKnown = new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound);
        Assert.False(LlmResilience.DidNoWork(Outcome.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (ollama:80)", notKnown))));
        // Some paths report the lookup as a connection error; the socket error inside still says what it was.
        Assert.False(LlmResilience.DidNoWork(Outcome.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.ConnectionError, "Name or service not known (ollama:80)", notKnown))));
    }

    [Theory]
    [InlineData("llama3.1:latest", "llama3.1", true)]
    [InlineData("llama3.1:8b", "llama3.1:8b", true)]
    [InlineData("llama3.1:8b", "llama3.1:70b", false)]
    [InlineData("LLAMA3.1:8B", "llama3.1:8b", true)]
    public void OllamaModelNamesMatchWithTheImplicitLatestTag(string listed, string configured, bool same) =>
        Assert.Equal(same, TacticalRag.Api.ModelServerKit.ServedModels.SameOllamaModel(listed, configured));

    [Theory]
    [InlineData("true", "true")]
    [InlineData("1", "true")]
    [InlineData("OFF", "false")]
    [InlineData("no", "false")]
    public void SeedVariablesAreLayeredOverTheLlmSection(string useVllm, string expected)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["USE_VLLM"] = useVllm,
            ["VLLM_HOST"] = "http://gpu-box:8000",
            ["OLLAMA_MODEL"] = "mistral",
            ["Llm:VllmModel"] = "from-section",
        });

        TacticalRag.Api.ModelServerKit.ModelServerEnvironment.Apply(configuration, LlmOptions.EnvironmentVariables);

        Assert.Equal(expected, configuration["Llm:UseVllm"]);
        Assert.Equal("http://gpu-box:8000", configuration["Llm:VllmHost"]);
        Assert.Equal("mistral", configuration["Llm:OllamaModel"]);
        Assert.Equal("from-section", configuration["Llm:VllmModel"]);
    }

    [Fact]
    public void PromptValidationNamesEachBadField()
    {
        var errors = LlmRequestValidator.Validate(new LlmRequest("", 0, 3f), new LlmOptions());

        Assert.Equal(["prompt", "maxTokens", "temperature"], errors.Keys);
    }
}
