using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TacticalRag.Web.Api;

namespace TacticalRag.Web.Tests;

public sealed class DocumentsApiClientTests
{
    [Fact]
    public async Task UploadsOneFileInTheFilesFieldAndReportsEveryByteSent()
    {
        (string? Field, string? Name, string? Text, long? Length) received = default;
        await using var api = await FakeApi.StartAsync(app => app.MapPost("/api/documents", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var file = Assert.Single(form.Files);
            using var reader = new StreamReader(file.OpenReadStream());
            received = (file.Name, file.FileName, await reader.ReadToEndAsync(), context.Request.ContentLength);
            await FakeApi.Json(DocumentJson.Uploaded(DocumentJson.Document("d1", "kitchen.md")), StatusCodes.Status201Created)(context);
        }));
        using var host = WebClientHost.Build(api.BaseAddress);
        var content = Encoding.UTF8.GetBytes(new string('x', 200_000));
        var reports = new List<long>();

        var result = await host.Client<DocumentsApiClient>().UploadAsync(
            new MemoryStream(content), content.Length, "kitchen.md", "text/markdown", new SynchronousProgress(reports.Add));

        Assert.Equal("d1", result.Document?.Id);
        Assert.Equal("indexing", result.Document?.Status);
        Assert.Null(result.Refusal);
        Assert.Equal(("files", "kitchen.md"), (received.Field, received.Name));
        Assert.Equal(content.Length, received.Text?.Length);
        Assert.NotNull(received.Length); // a Content-Length, not chunked
        Assert.Equal(content.Length, reports[^1]);
        Assert.True(reports.Count > 1, "progress is reported as the file goes, not once at the end");
    }

    [Fact]
    public async Task GivesTheApisReasonForRefusingAFile()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapPost("/api/documents", FakeApi.Problem(
            StatusCodes.Status415UnsupportedMediaType, "Unsupported file type.", "'tool.bin': The file is an ELF executable, which is not supported.")));
        using var host = WebClientHost.Build(api.BaseAddress);

        var result = await host.Client<DocumentsApiClient>().UploadAsync(new MemoryStream([0x7f, 0x45]), 2, "tool.bin", null);

        Assert.Null(result.Document);
        Assert.Equal("'tool.bin': The file is an ELF executable, which is not supported.", result.Refusal);
    }

    [Fact]
    public async Task GivesTheReasonOfAFileTheUploadAnswerListsAsRejected()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapPost("/api/documents", FakeApi.Json(DocumentJson.Upload([],
            [DocumentJson.Rejected("notes.txt", 400, "Unreadable file.", "'notes.txt' could not be read: the file is empty. Nothing of it was stored.")]), 201)));
        using var host = WebClientHost.Build(api.BaseAddress);

        var result = await host.Client<DocumentsApiClient>().UploadAsync(new MemoryStream([1]), 1, "notes.txt", "text/plain");

        Assert.Null(result.Document);
        Assert.Equal("'notes.txt' could not be read: the file is empty. Nothing of it was stored.", result.Refusal);
    }

    [Fact]
    public async Task NeverUploadsAFileTwiceWhenTheApiFails()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapPost("/api/documents", FakeApi.Problem(
            StatusCodes.Status503ServiceUnavailable, "Unavailable.", "The library store is not answering.")));
        using var host = WebClientHost.Build(api.BaseAddress);

        var result = await host.Client<DocumentsApiClient>().UploadAsync(new MemoryStream([1, 2, 3]), 3, "a.txt", "text/plain");

        Assert.Equal("The library store is not answering.", result.Refusal);
        Assert.Equal(1, api.Requests("POST /api/documents"));
    }

    [Fact]
    public async Task SaysTheApiIsUnreachableInsteadOfThrowingForAnUpload()
    {
        using var host = WebClientHost.Build(await FakeApi.ClosedAddressAsync());

        var result = await host.Client<DocumentsApiClient>().UploadAsync(new MemoryStream([1]), 1, "a.txt", "text/plain");

        Assert.StartsWith(ApiException.Unreachable, result.Refusal);
    }

    [Fact]
    public async Task ListsTheLibraryWithStatusAndProgress()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/documents", FakeApi.Json(DocumentJson.List(
            DocumentJson.Document("d1", "a.md", "ready", 1, chunks: 9), DocumentJson.Document("d2", "b.pdf", "indexing", 0.4)))));
        using var host = WebClientHost.Build(api.BaseAddress);

        var documents = await host.Client<DocumentsApiClient>().ListAsync();

        Assert.Equal([("d1", "ready", 9), ("d2", "indexing", 3)], documents.Select(d => (d.Id, d.Status, d.Chunks)));
        Assert.Equal(0.4, documents[1].Progress);
        Assert.Equal(2048, documents[0].Bytes);
    }

    [Fact]
    public async Task DeletesADocumentAndTreatsOneAlreadyGoneAsDeleted()
    {
        await using var api = await FakeApi.StartAsync(app =>
        {
            app.MapDelete("/api/documents/d1", () => Results.NoContent());
            app.MapDelete("/api/documents/gone", FakeApi.Problem(404, "Document not found.", "There is no document 'gone' in the library."));
        });
        using var host = WebClientHost.Build(api.BaseAddress);
        var client = host.Client<DocumentsApiClient>();

        await client.DeleteAsync("d1");
        await client.DeleteAsync("gone");

        Assert.Equal(1, api.Requests("DELETE /api/documents/d1"));
        Assert.Equal(1, api.Requests("DELETE /api/documents/gone"));
    }

    /// <summary>Reports on the caller's thread, so the test sees every report by the time the upload returns.</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
