using Bunit;
using TacticalRag.Web.Api;
using TacticalRag.Web.Components.Library;

namespace TacticalRag.Web.Tests;

public sealed class UploadOutcomeListTests : IDisposable
{
    private readonly BunitContext _context = new();

    [Fact]
    public void ShowsEachFilesOwnOutcome()
    {
        var waiting = new UploadItem("later.pdf", 5_000_000);
        var sending = new UploadItem("big.pdf", 4_000_000);
        sending.BeginUpload();
        sending.ReportSent(1_000_000);
        var refused = new UploadItem("tool.bin", 22);
        refused.Refuse("'tool.bin': The file is an ELF executable, which is not supported.");
        var indexing = new UploadItem("manual.docx", 4683);
        indexing.Accept(Document("d1", "indexing", 0.1, chunks: 9));

        var list = Render([waiting, sending, refused, indexing], [Document("d1", "indexing", 0.4, chunks: 9)]);

        var outcomes = list.FindAll("[data-testid=upload-outcome]");
        Assert.Equal(["queued", "uploading", "refused", "indexing"], outcomes.Select(o => o.GetAttribute("data-state")));
        Assert.Contains("Waiting", outcomes[0].TextContent);
        Assert.Contains("Sending 25%", outcomes[1].TextContent);
        Assert.Contains("Not added: 'tool.bin': The file is an ELF executable", outcomes[2].TextContent);
        Assert.Contains("Indexing 40%", outcomes[3].TextContent); // the list's latest progress, not the upload's answer
        Assert.Contains("9 passages", outcomes[3].TextContent);
        Assert.Contains("4.6 KB", outcomes[3].TextContent);
    }

    [Fact]
    public void SaysHowManyPassagesAFinishedDocumentGave()
    {
        var done = new UploadItem("kitchen.md", 132);
        done.Accept(Document("d2", "indexing", 0, chunks: 1));

        var outcome = Render([done], [Document("d2", "ready", 1, chunks: 1)]).Find("[data-testid=upload-outcome]");

        Assert.Equal("ready", outcome.GetAttribute("data-state"));
        Assert.Contains("Added: 1 passage", outcome.TextContent);
    }

    [Fact]
    public void ShowsWhyIndexingFailed()
    {
        var failed = new UploadItem("scan.pdf", 10_000);
        failed.Accept(Document("d3", "failed", 0.5, error: "The embedding model ran out of memory."));

        var outcome = Render([failed], []).Find("[data-testid=upload-outcome]");

        Assert.Equal("failed", outcome.GetAttribute("data-state"));
        Assert.Contains("The embedding model ran out of memory.", outcome.TextContent);
    }

    private IRenderedComponent<UploadOutcomeList> Render(UploadItem[] items, LibraryDocument[] documents) =>
        _context.Render<UploadOutcomeList>(p => p.Add(c => c.Items, items).Add(c => c.Documents, documents));

    private static LibraryDocument Document(string id, string status, double progress, int chunks = 3, string? error = null) =>
        new(id, id, $"{id}.md", "text/markdown", 4683, chunks, DateTimeOffset.UnixEpoch, status, progress, error);

    public void Dispose() => _context.Dispose();
}
