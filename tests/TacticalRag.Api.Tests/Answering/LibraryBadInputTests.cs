using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Llm;

namespace TacticalRag.Api.Tests.Answering;

/// <summary>
/// Every bad upload or question gets a ProblemDetails naming the problem, and nothing of it is stored; a bad file in a
/// multi-file upload is refused on its own, and the good files beside it are stored.
/// </summary>
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
    public async Task ABadFileAloneIsRefusedWithItsReasonAndNothingIsStored(string fileName, byte[] content, HttpStatusCode status, string named)
    {
        using var response = await _servers.Client.UploadAsync((fileName, content));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
        Assert.Empty(await _servers.Client.ListDocumentsAsync());
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ABadFileBesideAGoodOneIsRefusedAloneWithItsReasonAndTheGoodOneIsStored(string fileName, byte[] content, HttpStatusCode status, string named)
    {
        using var response = await _servers.Client.UploadAsync(("good.txt", Encoding.UTF8.GetBytes("A good document about radios.\n\nIt has text.")), (fileName, content));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {body}");
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.Equal("good.txt", Assert.Single(answer.GetProperty("documents").EnumerateArray()).GetProperty("fileName").GetString());
        var rejected = Assert.Single(answer.GetProperty("rejected").EnumerateArray());
        Assert.Equal(fileName, rejected.GetProperty("fileName").GetString());
        Assert.Equal((int)status, rejected.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(rejected.GetProperty("title").GetString()));
        Assert.Contains(named, rejected.GetProperty("detail").GetString());
        Assert.Equal(["good.txt"], (await _servers.Client.ListDocumentsAsync()).Select(d => d.GetProperty("fileName").GetString()));
    }

    [Theory]
    [InlineData("picture.png", "program.exe", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("picture.png", "empty.txt", HttpStatusCode.BadRequest)]
    public async Task WhenEveryFileIsRefusedTheAnswerListsEachFilesOutcomeAndNothingIsStored(string first, string second, HttpStatusCode status)
    {
        var bad = BadFiles.ToDictionary(row => (string)row[0], row => (byte[])row[1]);

        using var response = await _servers.Client.UploadAsync((first, bad[first]), (second, bad[second]));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        var files = problem.GetProperty("files").EnumerateArray().ToArray();
        Assert.Equal([first, second], files.Select(f => f.GetProperty("fileName").GetString()));
        Assert.All(files, f => Assert.Contains(f.GetProperty("fileName").GetString()!, f.GetProperty("detail").GetString()));
        Assert.Empty(await _servers.Client.ListDocumentsAsync());
    }

    [Fact]
    public async Task ScrapedTextWithStrayControlCharactersIsStoredBesideTheOtherFiles()
    {
        // "It’s" and "–" as MS MARCO passages hold them: UTF-8 once read as Latin-1 (C1 control characters).
        var scraped = Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(
            "Relay notes\n\nIt’s the relay on hill 402 – the one with the mast.")));

        using var response = await _servers.Client.UploadAsync(("scraped.txt", scraped), ("other.txt", Encoding.UTF8.GetBytes("Other notes\n\nMore text.")));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        Assert.Equal(2, JsonDocument.Parse(body).RootElement.GetProperty("documents").GetArrayLength());
        Assert.Empty(JsonDocument.Parse(body).RootElement.GetProperty("rejected").EnumerateArray());
        var found = await _servers.Client.SearchOkAsync("relay mast");
        Assert.Contains("It’s the relay on hill 402 – the one", found.GetProperty("results")[0].GetProperty("text").GetString());
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
