using TacticalRag.Web.Accounts;
using Bunit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Http;
using TacticalRag.Web.Components.Pages;

namespace TacticalRag.Web.Tests;

public sealed class LibraryPageTests : IAsyncDisposable
{
    private readonly BunitContext _context = new();

    [Fact]
    public async Task UploadsEachFileOnItsOwnAndShowsWhatBecameOfIt()
    {
        await using var api = await FakeApi.StartAsync(app =>
        {
            app.MapGet("/api/documents", FakeApi.Json(DocumentJson.List()));
            app.MapPost("/api/documents", async (HttpContext context) =>
            {
                var file = Assert.Single((await context.Request.ReadFormAsync()).Files);
                await (file.FileName == "tool.bin"
                    ? FakeApi.Problem(415, "Unsupported file type.", "'tool.bin': The file is an ELF executable, which is not supported.")
                    : FakeApi.Json(DocumentJson.Uploaded(DocumentJson.Document("d1", "kitchen.md", "ready", 1, chunks: 2)), 201))(context);
            });
        });
        var page = _context.RenderAgainstApi<LibraryPage>(api.BaseAddress);

        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText("# Field kitchen\n\nDownwind of the sleeping area.", "kitchen.md", contentType: "text/markdown"),
            InputFileContent.CreateFromBinary([0x7f, 0x45, 0x4c, 0x46], "tool.bin"));

        page.WaitForAssertion(() => Assert.Equal(
            ["ready", "refused"], page.FindAll("[data-testid=upload-outcome]").Select(o => o.GetAttribute("data-state"))), Waits.Long);
        Assert.Contains("Added: 2 passages", page.FindAll("[data-testid=upload-outcome]")[0].TextContent);
        Assert.Contains("ELF executable", page.FindAll("[data-testid=upload-outcome]")[1].TextContent);
        Assert.Equal(2, api.Requests("POST /api/documents"));
        Assert.False(page.Find("#upload-input").HasAttribute("disabled"));
    }

    [Fact]
    public async Task ShowsEachFilesOutcomeFromTheUploadAnswerStoredWithPassagesRejectedWithItsReason()
    {
        await using var api = await FakeApi.StartAsync(app =>
        {
            app.MapGet("/api/documents", FakeApi.Json(DocumentJson.List()));
            app.MapPost("/api/documents", async (HttpContext context) =>
            {
                var file = Assert.Single((await context.Request.ReadFormAsync()).Files);
                var answer = file.FileName == "scan.txt"
                    ? DocumentJson.Upload([], [DocumentJson.Rejected("scan.txt", 415, "Unsupported file type.", "'scan.txt': The file holds binary data of an unsupported kind.")])
                    : DocumentJson.Upload([DocumentJson.Document("d1", "orders.md", "ready", 1, chunks: 4)], []);
                await FakeApi.Json(answer, 201)(context);
            });
        });
        var page = _context.RenderAgainstApi<LibraryPage>(api.BaseAddress);

        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText("# Orders\n\nStand to at dawn.", "orders.md", contentType: "text/markdown"),
            InputFileContent.CreateFromText("not really text", "scan.txt", contentType: "text/plain"));

        page.WaitForAssertion(() => Assert.Equal(
            ["ready", "refused"], page.FindAll("[data-testid=upload-outcome]").Select(o => o.GetAttribute("data-state"))), Waits.Long);
        var outcomes = page.FindAll("[data-testid=upload-outcome]");
        Assert.Contains("orders.md", outcomes[0].TextContent);
        Assert.Contains("Added: 4 passages", outcomes[0].TextContent);
        Assert.Contains("scan.txt", outcomes[1].TextContent);
        Assert.Contains("Not added: 'scan.txt': The file holds binary data", outcomes[1].TextContent);
    }

    [Fact]
    public async Task ListsTheLibraryWithSizePassagesAndStatus()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/documents", FakeApi.Json(DocumentJson.List(
            DocumentJson.Document("d1", "radio.md", "ready", 1, chunks: 8, languages: ["de", "en"]), DocumentJson.Document("d2", "aar.pdf", "indexing", 0.25)))));

        var page = _context.RenderAgainstApi<LibraryPage>(api.BaseAddress);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=document-row]").Count), Waits.Long);
        var rows = page.FindAll("[data-testid=document-row]");
        Assert.Contains("radio", rows[0].TextContent);
        Assert.Contains("2 KB", rows[0].TextContent);
        Assert.Equal("8", rows[0].QuerySelector("td[data-label=Passages]")!.TextContent);
        Assert.Equal("de, en", rows[0].QuerySelector("td[data-label=Languages]")!.TextContent);
        // A document stored before languages were detected says so rather than showing nothing.
        Assert.Equal("—", rows[1].QuerySelector("td[data-label=Languages]")!.TextContent);
        Assert.Contains("Ready", rows[0].TextContent);
        Assert.Contains("Indexing 25%", rows[1].TextContent);
        Assert.Contains("30 Nov 2026", rows[1].TextContent);
    }

    [Fact]
    public async Task ADocumentHeldUpWhileIndexingSaysWhyAndThatItWillGoOn()
    {
        const string waiting = "The embedding server gave no vectors (it cannot be reached): Connection refused. Trying again with backoff; keyword search finds this document meanwhile.";
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/documents", FakeApi.Json(DocumentJson.List(
            DocumentJson.Document("d2", "aar.pdf", "indexing", 0.5, error: waiting)))));

        var page = _context.RenderAgainstApi<LibraryPage>(api.BaseAddress);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=document-row]")), Waits.Long);
        var row = page.Find("[data-testid=document-row]");
        Assert.Contains("Indexing 50%", row.TextContent);
        Assert.Contains(waiting, page.Find("[data-testid=document-waiting]").TextContent);
    }

    [Fact]
    public async Task AReaderSeesTheLibraryWithoutUploadOrDelete()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/documents", FakeApi.Json(DocumentJson.List(
            DocumentJson.Document("d1", "radio.md", "ready", 1, chunks: 8)))));

        var page = _context.RenderAgainstApi<LibraryPage>(api.BaseAddress, Roles.Reader);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=document-row]")), Waits.Long);
        Assert.Empty(page.FindAll("[data-testid=upload-input]"));
        Assert.Empty(page.FindAll("[data-testid=document-row] button"));
    }

    [Fact]
    public async Task DeletesADocumentOnlyAfterTheUserConfirms()
    {
        var deleted = false;
        await using var api = await FakeApi.StartAsync(app =>
        {
            app.MapGet("/api/documents", (HttpContext context) => FakeApi.Json(deleted
                ? DocumentJson.List()
                : DocumentJson.List(DocumentJson.Document("d1", "radio.md", "ready", 1)))(context));
            app.MapDelete("/api/documents/d1", () =>
            {
                deleted = true;
                return Results.NoContent();
            });
        });
        var page = _context.RenderAgainstApi<LibraryPage>(api.BaseAddress);
        page.WaitForAssertion(() => page.Find("[data-testid=document-row]"), Waits.Long);

        page.Find("[data-testid=document-row] button[aria-label='Delete radio']").Click();

        // The list refreshes itself in the background; wait for the render that holds the question.
        page.WaitForAssertion(() => Assert.Contains("Delete “radio” and its passages?", page.Find("[data-testid=document-row]").TextContent), Waits.Long);
        Assert.Equal(0, api.Requests("DELETE /api/documents/d1"));

        page.Find("[data-testid=confirm-button]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=document-row]")), Waits.Long);
        Assert.Equal(1, api.Requests("DELETE /api/documents/d1"));
    }

    [Fact]
    public async Task FindsPassagesForASearch()
    {
        await using var api = await FakeApi.StartAsync(app =>
        {
            app.MapGet("/api/documents", FakeApi.Json(DocumentJson.List()));
            app.MapPost("/api/search", FakeApi.Json("""
                {"strategy":"factual","results":[{"documentId":"d1","title":"Field kitchen","chunkId":"d1-0","text":"Downwind of the sleeping area.","score":0.667,"section":"Setup","page":3}]}
                """));
        });
        var page = _context.RenderAgainstApi<LibraryPage>(api.BaseAddress);

        page.Find("#search-input").Input("kitchen downwind");
        page.Find("form[role=search]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=search-result]"), Waits.Long);
        var result = page.Find("[data-testid=search-result]");
        Assert.Equal("Field kitchen", result.QuerySelector("h3")!.TextContent);
        Assert.Contains("Section Setup", result.TextContent);
        Assert.Contains("Page 3", result.TextContent);
        Assert.Contains("Downwind of the sleeping area.", result.TextContent);
    }

    [Fact]
    public async Task ShowsTheMatchingPartOfEachPassageWithTheSearchedWordsMarked()
    {
        await using var api = await FakeApi.StartAsync(app =>
        {
            app.MapGet("/api/documents", FakeApi.Json(DocumentJson.List()));
            app.MapPost("/api/search", FakeApi.Json("""
                {"strategy":"factual","results":[{"documentId":"d1","title":"Convoy SOP","chunkId":"d1-3","text":"3. SPEEDS\nConvoys keep to these speeds:\nPaved roads: 60 km/h.\nUnpaved roads: 40 km/h.",
                 "score":0.5,"section":"Speeds","page":null,"excerpt":"… Paved roads: 60 km/h. Unpaved roads: 40 km/h.","highlights":[{"start":2,"length":5},{"start":8,"length":5},{"start":32,"length":5}]}]}
                """));
        });
        var page = _context.RenderAgainstApi<LibraryPage>(api.BaseAddress);

        page.Find("#search-input").Input("speed on paved roads");
        page.Find("form[role=search]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=search-result]"), Waits.Long);
        var excerpt = page.Find("[data-testid=search-excerpt]");
        Assert.Equal("… Paved roads: 60 km/h. Unpaved roads: 40 km/h.", excerpt.TextContent.Trim());
        Assert.Equal(["Paved", "roads", "roads"], excerpt.QuerySelectorAll("mark").Select(m => m.TextContent));
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
