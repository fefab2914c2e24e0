using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using TacticalRag.Web.Api;

namespace TacticalRag.Web.Tests;

public sealed class LlmApiClientTests
{
    [Fact]
    public async Task StreamsTheApisTokensThenSaysWhichBackendAnswered()
    {
        await using var api = await FakeLlmApi.StartAsync(stream: FakeLlmApi.Sse(
            "event: token\ndata: {\"text\":\"Hello\"}\n\n",
            ": keep-alive\n\n",
            "event: token\ndata: {\"text\":\", world\"}\n\n",
            "event: done\ndata: {\"backend\":\"vllm\",\"model\":\"qwen\",\"fallback\":false,\"elapsedMs\":42}\n\n"));
        using var host = WebClientHost.Build(api.BaseAddress);

        var events = await host.Services.GetRequiredService<LlmApiClient>().StreamAllAsync("Say hello");

        Assert.Equal(
            [new LlmTokenEvent("Hello"), new LlmTokenEvent(", world"), new LlmDoneEvent("vllm", "qwen", false, 42)],
            events);
    }

    [Fact]
    public async Task ReportsTheProblemDetailsOfA503WithoutSendingThePromptTwice()
    {
        await using var api = await FakeLlmApi.StartAsync(stream: FakeLlmApi.Problem(
            StatusCodes.Status503ServiceUnavailable, "No model server answered", "vLLM and Ollama are both down."));
        using var host = WebClientHost.Build(api.BaseAddress);

        var events = await host.Services.GetRequiredService<LlmApiClient>().StreamAllAsync("Anyone there?");

        Assert.Equal([new LlmErrorEvent("vLLM and Ollama are both down.", "No model server answered")], events);
        Assert.Equal(1, api.StreamRequests);
    }

    [Fact]
    public async Task ShowsTheValidationMessagesOfA400()
    {
        await using var api = await FakeLlmApi.StartAsync(stream: context => Results.ValidationProblem(
            new Dictionary<string, string[]> { ["prompt"] = ["The prompt is empty."] },
            title: "The prompt request is invalid.").ExecuteAsync(context));
        using var host = WebClientHost.Build(api.BaseAddress);

        var events = await host.Services.GetRequiredService<LlmApiClient>().StreamAllAsync(" ");

        Assert.Equal([new LlmErrorEvent("The prompt is empty.", "The prompt request is invalid.")], events);
    }

    [Fact]
    public async Task ReportsAnAnswerThatStopsBeforeItsDoneEvent()
    {
        await using var api = await FakeLlmApi.StartAsync(stream: FakeLlmApi.Sse("event: token\ndata: {\"text\":\"Half\"}\n\n"));
        using var host = WebClientHost.Build(api.BaseAddress);

        var events = await host.Services.GetRequiredService<LlmApiClient>().StreamAllAsync("Tell me everything");

        Assert.Equal(new LlmTokenEvent("Half"), events[0]);
        Assert.IsType<LlmErrorEvent>(Assert.Single(events[1..]));
    }

    [Fact]
    public async Task SaysTheApiIsUnreachableWhenNothingListens()
    {
        var closedAddress = await ClosedLoopbackAddressAsync();
        using var host = WebClientHost.Build(closedAddress);

        var events = await host.Services.GetRequiredService<LlmApiClient>().StreamAllAsync("Hello?");

        var error = Assert.IsType<LlmErrorEvent>(Assert.Single(events));
        Assert.StartsWith(LlmApiException.Unreachable, error.Detail);
    }

    [Fact]
    public async Task ReadsTheBackendListFromTheApi()
    {
        await using var api = await FakeLlmApi.StartAsync(backends: FakeLlmApi.Json(BackendsJson.VllmDownOllamaActive));
        using var host = WebClientHost.Build(api.BaseAddress);

        var status = await host.Services.GetRequiredService<LlmApiClient>().GetBackendsAsync();

        Assert.Equal("vllm", status.Preferred);
        Assert.Equal("ollama", status.Active);
        Assert.Equal(["vllm", "ollama", "spare"], status.Backends.Select(b => b.Name));
        Assert.Equal("connection refused", status.Backends[0].LastError);
        Assert.Equal("unknown", status.Backends[2].State);
    }

    [Fact]
    public void HasExactlyOneResilienceHandler()
    {
        using var host = WebClientHost.Build(new Uri("http://127.0.0.1:1"));
        var handler = host.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(nameof(LlmApiClient));

        var resilienceHandlers = 0;
        for (var current = handler as DelegatingHandler; current is not null; current = current.InnerHandler as DelegatingHandler)
        {
            resilienceHandlers += current is ResilienceHandler ? 1 : 0;
        }

        Assert.Equal(1, resilienceHandlers);
    }

    [Fact]
    public void GivesStreamedAnswersMoreThanTheStandardTenSecondAttemptTimeout()
    {
        using var host = WebClientHost.Build(new Uri("http://127.0.0.1:1"));
        var options = host.Services.GetRequiredService<IOptionsMonitor<HttpStandardResilienceOptions>>()
            .Get($"{nameof(LlmApiClient)}-standard");

        Assert.True(options.AttemptTimeout.Timeout >= TimeSpan.FromMinutes(1), $"attempt timeout {options.AttemptTimeout.Timeout}");
    }

    private static async Task<Uri> ClosedLoopbackAddressAsync()
    {
        // A port that was just free and is closed again: connecting to it is refused at once.
        await using var api = await FakeLlmApi.StartAsync();
        return api.BaseAddress;
    }
}
