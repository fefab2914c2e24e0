using Bunit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TacticalRag.Web.Components.Chat;
using TacticalRag.Web.Components.Pages;

namespace TacticalRag.Web.Tests;

public sealed class ChatPageTests : IAsyncDisposable
{
    private readonly BunitContext _context = new();

    [Fact]
    public async Task StreamsTheAnswerWithCitationChipsSourcesAndTheFallbackBadge()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapPost("/api/ask/stream", FakeApi.Sse(
            AskSse.RadioCitations, AskSse.Token("Turn the knob to **ZERO** "), AskSse.Token("and hold it [1]."),
            AskSse.Done("ollama", fallback: true))));
        var page = _context.RenderAgainstApi<ChatPage>(api.BaseAddress);

        Ask(page, "How do I zeroize the radio?");

        page.WaitForAssertion(() => Assert.Equal("Ollama (fallback)", page.Find("[data-testid=answer-badge] .badge").TextContent), Waits.Long);
        var answer = page.Find("[data-testid=answer]");
        Assert.Equal("done", answer.GetAttribute("data-state"));
        Assert.Contains("Turn the knob to ZERO and hold it 1.", answer.TextContent);
        Assert.Equal("ZERO", answer.QuerySelector("strong")!.TextContent);
        Assert.Equal("Source 1: AN/PRC-990 Tactical Radio - Operator Manual, section 6. Zeroizing, page 2",
            page.Find("[data-testid=citation-chip]").GetAttribute("aria-label"));
        Assert.Contains("AN/PRC-990 Tactical Radio - Operator Manual, section 6. Zeroizing, page 2",
            Assert.Single(page.FindAll("[data-testid=source-link]")).TextContent);
        Assert.Contains("1,534 ms", page.Find("[data-testid=answer-badge]").TextContent);
        Assert.Equal("How do I zeroize the radio?", page.Find(".chat-question").TextContent.Replace("Question: ", ""));
    }

    [Fact]
    public async Task GivesANewConversationItsOwnAddressAndListsItAsTheApiKeepsIt()
    {
        var asked = false;
        await using var api = await FakeApi.StartAsync(app =>
        {
            app.MapPost("/api/ask/stream", async (HttpContext context) =>
            {
                asked = true;
                await FakeApi.Sse(AskSse.RadioCitations, AskSse.Token("Hold ZERO [1]."), AskSse.Done("vllm", fallback: false))(context);
            });
            app.MapGet("/api/conversations", (HttpContext context) => FakeApi.Json(asked
                ? $$"""{"items":[{"id":"{{AskSse.ConversationId}}","title":"How do I zeroize the radio?","createdUtc":"2026-11-30T08:02:20Z","updatedUtc":"2026-11-30T08:02:21Z","questions":1},{"id":"older","title":"Kitchen siting","createdUtc":"2026-11-29T08:02:20Z","updatedUtc":"2026-11-29T08:02:21Z","questions":3}],"offset":0,"limit":30,"total":2}"""
                : """{"items":[{"id":"older","title":"Kitchen siting","createdUtc":"2026-11-29T08:02:20Z","updatedUtc":"2026-11-29T08:02:21Z","questions":3}],"offset":0,"limit":30,"total":1}""")(context));
        });
        var page = _context.RenderAgainstApi<ChatPage>(api.BaseAddress);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=conversation-entry]")), Waits.Long);

        Ask(page, "How do I zeroize the radio?");

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=conversation-entry]").Count), Waits.Long);
        page.WaitForAssertion(() => Assert.Equal("done", page.Find("[data-testid=answer]").GetAttribute("data-state")), Waits.Long);
        Assert.EndsWith($"/conversations/{AskSse.ConversationId}", _context.Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Equal(["How do I zeroize the radio?", "Kitchen siting"], page.FindAll("[data-testid=conversation-entry] a").Select(a => a.TextContent));
        Assert.Equal("page", page.Find("[data-testid=conversation-entry] a").GetAttribute("aria-current"));
        Assert.True(api.Requests("GET /api/conversations") >= 2);
    }

    [Fact]
    public async Task RenamesAConversationThroughTheApiAndShowsWhyARenameWasRefused()
    {
        await using var api = await FakeApi.StartAsync(app =>
        {
            app.MapGet("/api/conversations", FakeApi.Json("""{"items":[{"id":"c1","title":"How do I zeroize?","createdUtc":"2026-11-30T08:02:20Z","updatedUtc":"2026-11-30T08:02:21Z","questions":1}],"offset":0,"limit":30,"total":1}"""));
            app.MapPatch("/api/conversations/c1", async (HttpContext context) =>
            {
                var title = (await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body)).RootElement.GetProperty("title").GetString();
                await (title == "Zeroizing"
                    ? FakeApi.Json("""{"id":"c1","title":"Zeroizing","createdUtc":"2026-11-30T08:02:20Z","updatedUtc":"2026-11-30T08:02:21Z","questions":1}""")
                    : FakeApi.Problem(400, "The title is invalid.", "The title holds a control character."))(context);
            });
        });
        var page = _context.RenderAgainstApi<ChatPage>(api.BaseAddress);
        page.WaitForAssertion(() => page.Find("button[aria-label='Rename conversation: How do I zeroize?']"), Waits.Long);

        page.Find("button[aria-label='Rename conversation: How do I zeroize?']").Click();
        page.WaitForElement("[data-testid=rename-input]", Waits.Long).Change("Bad\u0007");
        page.Find("[data-testid=rename-form]").Submit();
        page.WaitForAssertion(() => Assert.Contains("control character", page.Find("[data-testid=conversation-list-problem]").TextContent), Waits.Long);
        page.Find("[data-testid=rename-input]").Change("Zeroizing");
        page.Find("[data-testid=rename-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal("Zeroizing", page.Find("[data-testid=conversation-entry] a").TextContent), Waits.Long);
        Assert.Empty(page.FindAll("[data-testid=conversation-list-problem]"));
    }

    [Fact]
    public async Task OpensTheChipsPassageWithItsDocumentSectionAndPage()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapPost("/api/ask/stream", FakeApi.Sse(
            AskSse.RadioCitations, AskSse.Token("Hold ZERO [1]."), AskSse.Done("vllm", fallback: false))));
        var dialog = _context.JSInterop.SetupModule("./js/dialog.js");
        var page = _context.RenderAgainstApi<ChatPage>(api.BaseAddress);
        Ask(page, "How do I zeroize the radio?");
        page.WaitForAssertion(() => page.Find("[data-testid=citation-chip]"), Waits.Long);

        await page.Find(".answer-text").TriggerEventAsync("oncitationclick", new CitationClickEventArgs { Index = 1 });

        var shown = page.Find("[data-testid=passage-dialog]");
        Assert.Contains("AN/PRC-990 Tactical Radio - Operator Manual", shown.QuerySelector("h2")!.TextContent);
        Assert.Equal("6. Zeroizing", shown.QuerySelector("[data-testid=passage-section]")!.TextContent);
        Assert.Equal("2", shown.QuerySelector("[data-testid=passage-page]")!.TextContent);
        Assert.Equal("Zeroizing erases every key in the radio.", shown.QuerySelector("[data-testid=passage-text]")!.TextContent);
        dialog.VerifyInvoke("showModal");
    }

    [Fact]
    public async Task ShowsTheErrorInlineAndAsksAgainOnRetry()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapPost("/api/ask/stream",
            FakeApi.Problem(StatusCodes.Status503ServiceUnavailable, "Overloaded.", "Try again shortly.")));
        var page = _context.RenderAgainstApi<ChatPage>(api.BaseAddress);
        Ask(page, "Anyone there?");
        page.WaitForAssertion(() => Assert.Contains("Try again shortly.", page.Find("[data-testid=answer-error]").TextContent), Waits.Long);
        Assert.Equal("Anyone there?", page.Find(".chat-question").TextContent.Replace("Question: ", ""));

        page.Find("[data-testid=answer-error] button").Click();

        page.WaitForAssertion(() => Assert.Equal(2, api.Requests("POST /api/ask/stream")), Waits.Long);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=answer-error]")), Waits.Long);
        Assert.Single(page.FindAll("[data-testid=chat-turn]"));
    }

    [Fact]
    public async Task StopEndsTheAnswerAndKeepsWhatArrived()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapPost("/api/ask/stream", async (HttpContext context) =>
        {
            await FakeApi.Sse(AskSse.RadioCitations, AskSse.Token("The first part"))(context);
            // A model that never finishes: only the client going away ends this request.
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        }));
        var page = _context.RenderAgainstApi<ChatPage>(api.BaseAddress);
        Ask(page, "Tell me everything");
        page.WaitForAssertion(() => Assert.Contains("The first part", page.Find("[data-testid=answer]").TextContent), Waits.Long);
        Assert.True(page.Find("#send-button").HasAttribute("disabled"));

        page.Find("#stop-button").Click();

        page.WaitForAssertion(() => Assert.Equal("stopped", page.Find("[data-testid=answer]").GetAttribute("data-state")), Waits.Long);
        Assert.Contains("Stopped.", page.Find("[data-testid=answer]").TextContent);
        Assert.Contains("The first part", page.Find("[data-testid=answer]").TextContent);
        Assert.False(page.Find("#send-button").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("#stop-button"));
    }

    [Fact]
    public async Task OffersExampleQuestionsOnAnEmptyChatAndAsksOneWhenPicked()
    {
        await using var api = await FakeApi.StartAsync(app =>
        {
            app.MapGet("/api/examples", FakeApi.Json("""{"questions":["What does SOP 3-01 say about nets?","How far downwind is the kitchen?"]}"""));
            app.MapPost("/api/ask/stream", FakeApi.Sse(AskSse.RadioCitations, AskSse.Token("Nets [2]."), AskSse.Done("vllm", false, cited: "[2]")));
        });
        var page = _context.RenderAgainstApi<ChatPage>(api.BaseAddress);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=example-question]").Count), Waits.Long);

        page.FindAll("[data-testid=example-question]")[0].Click();

        page.WaitForAssertion(() => Assert.Equal("vLLM", page.Find("[data-testid=answer-badge] .badge").TextContent), Waits.Long);
        Assert.Equal("What does SOP 3-01 say about nets?", page.Find(".chat-question").TextContent.Replace("Question: ", ""));
        Assert.Empty(page.FindAll("[data-testid=example-question]"));
    }

    [Fact]
    public async Task ShowsAPastConversationFromItsAddress()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/conversations/c1", FakeApi.Json("""
            {"id":"c1","turns":[
              {"question":"How do I zeroize?","standaloneQuestion":"How do I zeroize?","answer":"Hold ZERO [1].","backend":"ollama","citedChunkIds":["x"],"askedUtc":"2026-11-30T08:02:20Z",
               "shown":{"sources":[{"index":1,"documentId":"2edcd7a97e729388","title":"AN/PRC-990 Tactical Radio - Operator Manual","chunkId":"2edcd7a97e729388-00007","text":"Zeroizing erases every key in the radio.","section":"6. Zeroizing","page":2},
                                   {"index":2,"documentId":"fda854ff0ef8fa36","title":"SOP 3-01: Radio Procedures","chunkId":"fda854ff0ef8fa36-00001","text":"Nets.","section":null,"page":null}],
                        "cited":[1],"model":"llama3.1:8b","fallback":true,"cached":false,"strategy":"factual","ranking":"fusion","passagesDropped":0,
                        "timings":{"retrievalMs":12,"generationMs":1500,"totalMs":1534}}},
              {"question":"And then?","standaloneQuestion":"After zeroizing?","answer":"Load keys.","backend":"none","citedChunkIds":[],"askedUtc":"2026-11-30T08:03:20Z"}],
             "summary":null,"summarizedTurns":0,"createdUtc":"2026-11-30T08:02:20Z","updatedUtc":"2026-11-30T08:03:20Z"}
            """)));
        _context.UseApi(api.BaseAddress);

        var page = _context.Render<ChatPage>(p => p.Add(c => c.ConversationId, "c1"));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=chat-turn]").Count), Waits.Long);
        // The first turn as it was answered: chips, its one cited source, model and time; the second was stored
        // before answers kept what they showed, and reads as its text and backend alone.
        Assert.Equal(["Ollama (fallback)", "Retrieval only"], page.FindAll("[data-testid=answer-badge] .badge").Select(b => b.TextContent));
        var first = page.FindAll("[data-testid=chat-turn]")[0];
        Assert.Equal("Source 1: AN/PRC-990 Tactical Radio - Operator Manual, section 6. Zeroizing, page 2",
            first.QuerySelector("[data-testid=citation-chip]")!.GetAttribute("aria-label"));
        Assert.Single(first.QuerySelectorAll("[data-testid=source-link]"));
        Assert.Contains("llama3.1:8b", first.QuerySelector("[data-testid=answer-badge]")!.TextContent);
        Assert.Contains("1,534 ms", first.QuerySelector("[data-testid=answer-badge]")!.TextContent);
        var second = page.FindAll("[data-testid=chat-turn]")[1];
        Assert.Contains("Load keys.", second.TextContent);
        Assert.Empty(second.QuerySelectorAll("[data-testid=source-link]"));
        Assert.Empty(page.FindAll("[data-testid=example-question]"));
    }

    [Fact]
    public async Task SaysWhenAConversationHasExpired()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/conversations/{id}",
            FakeApi.Problem(404, "Conversation not found.", "There is no conversation 'old'.")));
        _context.UseApi(api.BaseAddress);

        var page = _context.Render<ChatPage>(p => p.Add(c => c.ConversationId, "old"));

        page.WaitForAssertion(() => Assert.Contains("expired", page.Find("[data-testid=chat-notice]").TextContent), Waits.Long);
        Assert.Empty(page.FindAll("[data-testid=chat-turn]"));
    }

    private static void Ask(IRenderedComponent<ChatPage> page, string question)
    {
        page.Find("#question-input").Input(question);
        page.Find("form.chat-input").Submit();
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
