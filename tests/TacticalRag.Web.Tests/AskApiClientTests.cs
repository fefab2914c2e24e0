using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TacticalRag.Web.Api;

namespace TacticalRag.Web.Tests;

public sealed class AskApiClientTests
{
    [Fact]
    public async Task StreamsTheSourcesThenTheTokensThenWhoAnswered()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapPost("/api/ask/stream", FakeApi.Sse(
            AskSse.RadioCitations, AskSse.Token("Turn the knob to ZERO "), ": keep-alive\n\n", AskSse.Token("[1]."),
            AskSse.Done("ollama", fallback: true))));
        using var host = WebClientHost.Build(api.BaseAddress);

        var events = await host.Client<AskApiClient>().StreamAllAsync("How do I zeroize the radio?");

        var citations = Assert.IsType<AskCitationsEvent>(events[0]);
        Assert.Equal(AskSse.ConversationId, citations.ConversationId);
        Assert.Equal([1, 2], citations.Citations.Select(c => c.Index));
        Assert.Equal("6. Zeroizing", citations.Citations[0].Section);
        Assert.Equal(2, citations.Citations[0].Page);
        Assert.Null(citations.Citations[1].Page);
        Assert.Equal([new AskTokenEvent("Turn the knob to ZERO "), new AskTokenEvent("[1].")], events[1..3]);
        var done = Assert.IsType<AskDoneEvent>(events[3]);
        Assert.Equal(("ollama", "llama3.1:8b", true), (done.Backend, done.Model, done.Fallback));
        Assert.Equal([1], done.Cited);
        Assert.Equal(1534, done.Timings!.TotalMs);
        Assert.Equal(4, events.Count);
    }

    [Fact]
    public async Task SendsTheQuestionAndTheConversationItBelongsTo()
    {
        JsonElement? received = null;
        await using var api = await FakeApi.StartAsync(app => app.MapPost("/api/ask/stream", async (HttpContext context) =>
        {
            received = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            await FakeApi.Sse(AskSse.Done("vllm", fallback: false))(context);
        }));
        using var host = WebClientHost.Build(api.BaseAddress);

        await host.Client<AskApiClient>().StreamAllAsync("And after that?", conversationId: "abc123");

        Assert.Equal("And after that?", received!.Value.GetProperty("question").GetString());
        Assert.Equal("abc123", received.Value.GetProperty("conversationId").GetString());
        Assert.False(received.Value.TryGetProperty("topK", out _));
    }

    [Fact]
    public async Task ReportsAConversationTheApiDoesNotKnowWithoutAskingTwice()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapPost("/api/ask/stream", FakeApi.Problem(
            StatusCodes.Status404NotFound, "Conversation not found.", "There is no conversation 'gone' (it may have expired or been deleted).")));
        using var host = WebClientHost.Build(api.BaseAddress);

        var events = await host.Client<AskApiClient>().StreamAllAsync("Still there?", conversationId: "gone");

        var error = Assert.IsType<AskErrorEvent>(Assert.Single(events));
        Assert.Equal(("Conversation not found.", 404), (error.Title, error.Status));
        Assert.Contains("may have expired", error.Detail);
        Assert.Equal(1, api.Requests("POST /api/ask/stream"));
    }

    [Fact]
    public async Task NeverSendsAQuestionTwiceWhenTheApiFails()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapPost("/api/ask/stream",
            FakeApi.Problem(StatusCodes.Status503ServiceUnavailable, "Overloaded.", "Try again shortly.")));
        using var host = WebClientHost.Build(api.BaseAddress);

        var events = await host.Client<AskApiClient>().StreamAllAsync("Anyone there?");

        Assert.Equal("Try again shortly.", Assert.IsType<AskErrorEvent>(Assert.Single(events)).Detail);
        Assert.Equal(1, api.Requests("POST /api/ask/stream"));
    }

    [Fact]
    public async Task ShowsTheValidationMessagesOfA400()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapPost("/api/ask/stream", (HttpContext context) => Results.ValidationProblem(
            new Dictionary<string, string[]> { ["question"] = ["The question is required and must not be blank."] },
            title: "The question is invalid.").ExecuteAsync(context)));
        using var host = WebClientHost.Build(api.BaseAddress);

        var events = await host.Client<AskApiClient>().StreamAllAsync(" ");

        Assert.Equal(new AskErrorEvent("The question is required and must not be blank.", "The question is invalid.", 400), Assert.Single(events));
    }

    [Fact]
    public async Task ReportsAnAnswerThatStopsBeforeItsDoneEvent()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapPost("/api/ask/stream", FakeApi.Sse(AskSse.RadioCitations, AskSse.Token("Half"))));
        using var host = WebClientHost.Build(api.BaseAddress);

        var events = await host.Client<AskApiClient>().StreamAllAsync("Tell me everything");

        Assert.Equal(new AskTokenEvent("Half"), events[1]);
        Assert.Contains("stopped before it was complete", Assert.IsType<AskErrorEvent>(Assert.Single(events[2..])).Detail);
    }

    [Fact]
    public async Task SaysTheApiIsUnreachableWhenNothingListens()
    {
        using var host = WebClientHost.Build(await FakeApi.ClosedAddressAsync());

        var events = await host.Client<AskApiClient>().StreamAllAsync("Hello?");

        Assert.StartsWith(ApiException.Unreachable, Assert.IsType<AskErrorEvent>(Assert.Single(events)).Detail);
    }

    [Fact]
    public async Task ReadsExampleQuestions()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/examples", (int count) =>
            Results.Json(new { questions = Enumerable.Range(1, count).Select(i => $"Question {i}?") })));
        using var host = WebClientHost.Build(api.BaseAddress);

        var questions = await host.Client<AskApiClient>().GetExamplesAsync(3);

        Assert.Equal(["Question 1?", "Question 2?", "Question 3?"], questions);
    }
}
