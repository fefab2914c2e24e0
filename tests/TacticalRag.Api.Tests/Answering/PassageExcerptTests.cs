using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Llm;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Answering;

/// <summary>Search results and citations show the sentences that answer the question, with its words marked.</summary>
public sealed class PassageExcerptTests : IAsyncLifetime
{
    private const string Question = "What is the battery life of the AN/PRC-990?";
    private ModelServers _servers = null!;

    public async Task InitializeAsync()
    {
        _servers = await ModelServers.StartAsync(vllmFault: SimFault.Refuse, ollamaFault: SimFault.Refuse);
        await _servers.Client.IngestSamplesAsync("an-prc-990-operator-manual.pdf");
    }

    public async Task DisposeAsync() => await _servers.DisposeAsync();

    [Fact]
    public async Task SearchResultsCarryTheMatchingSentencesWithTheQuestionsWordsMarked()
    {
        var body = await _servers.Client.SearchOkAsync(Question);

        var passage = BatteryPassage(body.GetProperty("results"));
        var excerpt = passage.GetProperty("excerpt").GetString()!;
        Assert.Contains("battery", excerpt, StringComparison.OrdinalIgnoreCase);
        Assert.True(excerpt.Length < passage.GetProperty("text").GetString()!.Length || excerpt.Length <= 400, excerpt);
        Assert.Contains("battery", Marked(passage), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ARetrievalOnlyAnswerShowsEachPassagesExcerptWithTheQuestionsWordsInBold()
    {
        var answer = await _servers.Client.AskOkAsync(Question);

        Assert.Equal("none", answer.GetProperty("backend").GetString());
        var citation = BatteryPassage(answer.GetProperty("citations"));
        Assert.Contains("battery", Marked(citation), StringComparer.OrdinalIgnoreCase);
        Assert.Matches(@"\*\*[Bb]attery", answer.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task TheStreamsCitationsEventCarriesExcerptsToo()
    {
        var stream = await _servers.Client.AskStreamAsync(Question);

        var citations = stream.Last("citations")?.GetProperty("citations") ?? throw new Xunit.Sdk.XunitException("no citations event");
        Assert.Contains("battery", Marked(BatteryPassage(citations)), StringComparer.OrdinalIgnoreCase);
    }

    private static JsonElement BatteryPassage(JsonElement passages) =>
        passages.EnumerateArray().First(p => p.GetProperty("text").GetString()!.Contains("battery life", StringComparison.OrdinalIgnoreCase));

    /// <summary>The words the highlights point at, as a user sees them marked in the excerpt.</summary>
    private static string[] Marked(JsonElement passage)
    {
        var excerpt = passage.GetProperty("excerpt").GetString()!;
        return passage.GetProperty("highlights").EnumerateArray()
            .Select(h => excerpt.Substring(h.GetProperty("start").GetInt32(), h.GetProperty("length").GetInt32())).ToArray();
    }
}
