using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Llm;

namespace TacticalRag.Api.Tests.Answering;

/// <summary>Every bad upload or question gets a ProblemDetails naming the problem, and nothing of it is stored.</summary>
public sealed class LibraryBadInputTests : IAsyncLifetime
{
    private ModelServers _servers = null!;

    public async Task InitializeAsync() => _servers = await ModelServers.StartAsync(
        settings: new Dictionary<string, string?> { ["Ingestion:MaxFileBytes"] = "200000" });

    public async Task DisposeAsync() => await _servers.DisposeAsync();

    public static TheoryData<string, byte[], HttpStatusCode, string> BadFiles => new()
    {
        { "empty.txt", [], HttpStatusCode.BadRequest, "empty" },
        { "broken.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref"), HttpStatusCode.BadRequest, "broken.pdf" },
        { "broken.docx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9], HttpStatusCode.BadRequest, "broken.docx" },
        { "picture.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], HttpStatusCode.UnsupportedMediaType, "picture.png" },
        { "report.pdf", Encoding.UTF8.GetBytes("Just some text pretending to be a PDF."), HttpStatusCode.UnsupportedMediaType, "report.pdf" },
        { "program.exe", [0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0], HttpStatusCode.UnsupportedMediaType, "program.exe" },
        { "huge.txt", Encoding.UTF8.GetBytes(new string('a', 250_000)), HttpStatusCode.RequestEntityTooLarge, "huge.txt" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ABadFileIsRefusedWithItsReasonAndNothingIsStored(string fileName, byte[] content, HttpStatusCode status, string named)
    {
        using var response = await _servers.Client.UploadAsync(("good.txt", Encoding.UTF8.GetBytes("A good document about radios.\n\nIt has text.")), (fileName, content));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
        Assert.Empty(await _servers.Client.ListDocumentsAsync());
    }

    [Fact]
    public async Task TheSameFileUploadedTwiceIsOneDocument()
    {
        var content = Encoding.UTF8.GetBytes("Field notes\n\nThe relay site is on hill 402.");
        using var first = await _servers.Client.UploadAsync(("notes.txt", content));
        using var second = await _servers.Client.UploadAsync(("notes-copy.txt", content));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var documents = await _servers.Client.ListDocumentsAsync();
        Assert.Equal("notes.txt", Assert.Single(documents).GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task AnUploadThatIsNotMultipartIsRefused()
    {
        using var response = await _servers.Client.PostAsJsonAsync("/api/documents", new { files = "nope" });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"question":""}""", "question")]
    [InlineData("""{"question":"ok","topK":0}""", "topK")]
    [InlineData("""{"question":"ok","conversationId":"../../etc"}""", "conversationId")]
    public async Task BadQuestionsAreNamed(string json, string field)
    {
        using var response = await _servers.Client.PostAsync("/api/ask", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task AnOversizedQuestionIsRefused()
    {
        using var response = await _servers.Client.AskAsync(new string('q', 2001));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2000", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/documents/0123456789abcdef")]
    [InlineData("/api/conversations/nosuchconversation")]
    public async Task UnknownIdsAre404ProblemDetails(string path)
    {
        using var get = await _servers.Client.GetAsync(path);
        using var delete = await _servers.Client.DeleteAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AskingInAnUnknownConversationIs404()
    {
        using var response = await _servers.Client.AskAsync("Hello?", conversationId: "doesnotexist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("99")]
    public async Task ABadExampleCountIsExplained(string count)
    {
        using var response = await _servers.Client.GetAsync($"/api/examples?count={count}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(count, await response.Content.ReadAsStringAsync());
    }
}
