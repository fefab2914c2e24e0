using System.Net;
using System.Text;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Llm;
using TacticalRag.TestSupport.HostileFiles;

namespace TacticalRag.Api.Tests.Answering;

/// <summary>
/// Files nested deeper than a parser should be asked to build (a Word file of 20,000 nested tables once overflowed the
/// stack and ended the process): each is refused on its own with a problem naming the nesting limit, the good file of the
/// same upload is stored, and the API goes on answering.
/// </summary>
public sealed class NestedMarkupTests : IAsyncLifetime
{
    private ModelServers _servers = null!;

    public async Task InitializeAsync() => _servers = await ModelServers.StartAsync();

    public async Task DisposeAsync() => await _servers.DisposeAsync();

    public static TheoryData<string, string> HostileFiles => new()
    {
        { "tables.docx", "256 levels" },
        { "divs.html", "512 levels" },
        { "list.md", "256 levels" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task ADeeplyNestedFileIsRefusedOnItsOwnNamingTheLimitAndTheRestOfTheUploadIsKept(string fileName, string limit)
    {
        var hostile = fileName switch
        {
            "tables.docx" => NestedMarkupFiles.NestedTablesDocx(20_000),
            "divs.html" => NestedMarkupFiles.NestedDivsHtml(100_000),
            _ => NestedMarkupFiles.NestedListMarkdown(3_000),
        };
        var good = Encoding.UTF8.GetBytes("Relay notes\n\nThe relay mast is 14 metres tall and is checked weekly.");

        using var response = await _servers.Client.UploadAsync((fileName, hostile), ("relay-notes.txt", good));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.Equal("relay-notes.txt", answer.GetProperty("documents")[0].GetProperty("fileName").GetString());
        var rejected = Assert.Single(answer.GetProperty("rejected").EnumerateArray());
        Assert.Equal(fileName, rejected.GetProperty("fileName").GetString());
        Assert.Equal(400, rejected.GetProperty("status").GetInt32());
        Assert.Contains(limit, rejected.GetProperty("detail").GetString());
        Assert.Contains("nesting limit", rejected.GetProperty("detail").GetString());
        using var health = await _servers.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("tables.docx")]
    [InlineData("divs.html")]
    [InlineData("list.md")]
    public async Task NestingAsDeepAsRealDocumentsGoIsRead(string fileName)
    {
        var ordinary = fileName switch
        {
            "tables.docx" => NestedMarkupFiles.NestedTablesDocx(20),
            "divs.html" => NestedMarkupFiles.NestedDivsHtml(200),
            _ => NestedMarkupFiles.NestedListMarkdown(60),
        };

        using var response = await _servers.Client.UploadAsync((fileName, ordinary));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
    }
}
