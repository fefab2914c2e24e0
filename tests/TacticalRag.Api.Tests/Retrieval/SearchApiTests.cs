using System.Text.Json;

namespace TacticalRag.Api.Tests.Retrieval;

/// <summary>One search host with the sample library, shared by the tests of a class (the model loads once).</summary>
public sealed class SampleSearchHost : IAsyncLifetime
{
    public SearchHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await SearchHost.StartAsync();
        await SearchCalls.LoadSampleLibraryAsync(Host);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary><c>POST /api/search</c> over real HTTP with the real embedding model.</summary>
public sealed class SearchApiTests(SampleSearchHost fixture) : IClassFixture<SampleSearchHost>
{
    private readonly SearchHost _host = fixture.Host;

    [Fact]
    public async Task AShortQuestionFindsTheRightPassageWithItsDocumentAndSection()
    {
        var body = await SearchCalls.SearchAsync(_host, """{"query":"How often must the radio operator do a radio check?"}""");

        Assert.Equal("factual", body.GetProperty("strategy").GetString());
        var results = body.GetProperty("results");
        Assert.InRange(results.GetArrayLength(), 1, 4);
        var best = results[0];
        Assert.Equal("sop-radio-00001", best.GetProperty("chunkId").GetString());
        Assert.Equal("sop-radio", best.GetProperty("documentId").GetString());
        Assert.Equal("Radio procedures SOP", best.GetProperty("title").GetString());
        Assert.Equal("Radio checks", best.GetProperty("section").GetString());
        Assert.Contains("every hour", best.GetProperty("text").GetString());
        Assert.True(best.GetProperty("score").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, best.GetProperty("page").ValueKind);
    }

    [Fact]
    public async Task AParaphraseWithoutSharedKeywordsIsFoundByMeaning()
    {
        var body = await SearchCalls.SearchAsync(_host, """{"query":"putting petrol in a hot power unit","topK":1}""");

        Assert.Equal("manual-generator-00000", body.GetProperty("results")[0].GetProperty("chunkId").GetString());
    }

    [Fact]
    public async Task AnExplicitTopKSetsTheNumberOfResults()
    {
        var body = await SearchCalls.SearchAsync(_host, """{"query":"radio","topK":2}""");

        Assert.Equal(2, body.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task AComplexQuestionTakesMorePassagesAndSaysSoWithoutAModel()
    {
        var body = await SearchCalls.SearchAsync(_host, """{"query":"Compare the radio check routine with the generator refuelling rules"}""");

        Assert.Equal("complex", body.GetProperty("strategy").GetString());
        Assert.InRange(body.GetProperty("results").GetArrayLength(), 5, 8);
    }

    [Fact]
    public async Task PassagesStillBeingEmbeddedAreFoundByKeyword()
    {
        await _host.IndexAsync("aar-night", "After-action report: night move", [("Findings", "The convoy lost the lead vehicle at the quarry junction.")], withVectors: false);
        try
        {
            var body = await SearchCalls.SearchAsync(_host, """{"query":"quarry junction"}""");

            Assert.Equal("aar-night-00000", body.GetProperty("results")[0].GetProperty("chunkId").GetString());
        }
        finally
        {
            _host.Index.RemoveDocument("aar-night");
        }
    }

    [Fact]
    public async Task QuerySyntaxCharactersAreSearchedAsText()
    {
        var body = await SearchCalls.SearchAsync(_host, """{"query":"radio: check? (\"net\") AND NOT [station]"}""");

        Assert.NotEqual(0, body.GetProperty("results").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"query":""}""", "query")]
    [InlineData("""{"query":"   "}""", "query")]
    [InlineData("""{}""", "query")]
    [InlineData("""{"query":"radio","topK":0}""", "topK")]
    [InlineData("""{"query":"radio","topK":51}""", "topK")]
    public async Task InvalidFieldsAreNamedInAValidationProblem(string json, string field)
    {
        using var response = await SearchCalls.PostAsync(_host, json);

        var problem = await SearchCalls.ReadProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }

    [Fact]
    public async Task AQueryOverTheLimitIsRefusedWithTheLimit()
    {
        using var response = await SearchCalls.PostAsync(_host, JsonSerializer.Serialize(new { query = new string('x', 2001) }));

        var problem = await SearchCalls.ReadProblemAsync(response);
        Assert.Contains("2000", problem.GetProperty("errors").GetProperty("query")[0].GetString());
    }

    [Theory]
    [InlineData("""{"query":""", "not valid JSON")]
    [InlineData("""{"query":42}""", "$.query")]
    [InlineData("""{"query":"radio","topK":"many"}""", "$.topK")]
    [InlineData("""null""", "empty or null")]
    public async Task MalformedBodiesAreExplained(string json, string expected)
    {
        using var response = await SearchCalls.PostAsync(_host, json);

        var problem = await SearchCalls.ReadProblemAsync(response);
        Assert.Contains(expected, problem.ToString());
    }
}
