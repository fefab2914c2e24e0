using System.Net;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Llm;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Answering;

/// <summary>
/// The product's main job over real HTTP: a library ingested from the samples (PDF, DOCX, text), questions answered
/// through the gateway with citations that point at the right document and passage.
/// </summary>
public sealed class AskTests : IAsyncLifetime
{
    private ModelServers _servers = null!;

    public async Task InitializeAsync()
    {
        _servers = await ModelServers.StartAsync();
        await _servers.Client.IngestSamplesAsync("an-prc-990-operator-manual.pdf", "tg-45-generator-manual.docx", "convoy-sop.txt");
    }

    public async Task DisposeAsync() => await _servers.DisposeAsync();

    [Theory]
    [InlineData("What is the battery life of the AN/PRC-990?", "an-prc-990-operator-manual.pdf", "Battery life: 18 hours")]
    [InlineData("How often should the TG-45 engine oil be changed?", "tg-45-generator-manual.docx", "every 250 hours")]
    [InlineData("What is the maximum number of vehicles in one convoy serial?", "convoy-sop.txt", "no more than 12 vehicles")]
    public async Task AnswersCiteThePassageThatHoldsTheFact(string question, string expectedFile, string evidence)
    {
        var answer = await _servers.Client.AskOkAsync(question);

        Assert.Equal("vllm", answer.GetProperty("backend").GetString());
        Assert.Equal(ModelServers.VllmModel, answer.GetProperty("model").GetString());
        var citation = Assert.Single(answer.GetProperty("citations").EnumerateArray());
        Assert.Equal(1, citation.GetProperty("index").GetInt32());
        Assert.Contains("[1]", answer.GetProperty("answer").GetString());
        var documents = await _servers.Client.ListDocumentsAsync();
        var cited = documents.Single(d => d.GetProperty("id").GetString() == citation.GetProperty("documentId").GetString());
        Assert.Equal(expectedFile, cited.GetProperty("fileName").GetString());
        Assert.Contains(evidence, citation.GetProperty("text").GetString());
        Assert.Equal("factual", answer.GetProperty("strategy").GetString());
        Assert.True(answer.GetProperty("timings").GetProperty("totalMs").GetInt64() >= answer.GetProperty("timings").GetProperty("retrievalMs").GetInt64());
    }

    [Fact]
    public async Task TheGroundedPromptNumbersTheSourcesAndKeepsTheRulesInTheSystemMessage()
    {
        var answer = await _servers.Client.AskOkAsync("What frequency range does the AN/PRC-990 cover?");

        // The simulator echoes the question it found after the sources, so the model saw the question last.
        Assert.Contains("What frequency range does the AN/PRC-990 cover?", answer.GetProperty("answer").GetString());
        Assert.StartsWith("Simulated answer from", answer.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task AStreamedAnswerSendsItsSourcesFirstThenTokensThenDone()
    {
        var result = await _servers.Client.AskStreamAsync("How much does the AN/PRC-990 weigh?");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("citations", result.Events[0].Event);
        Assert.NotEmpty(result.Events[0].Data.GetProperty("citations").EnumerateArray());
        Assert.True(result.Events.Count(e => e.Event == "token") > 3);
        var done = Assert.IsType<JsonElement>(result.Last("done"));
        Assert.Equal("vllm", done.GetProperty("backend").GetString());
        Assert.Equal([1], done.GetProperty("cited").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Contains("[1]", result.Text);
    }

    [Fact]
    public async Task TheSameStandaloneQuestionIsServedFromTheCacheTheSecondTime()
    {
        var first = await _servers.Client.AskOkAsync("What does error code E-34 mean on the AN/PRC-990?");
        var generated = _servers.Vllm.GenerationRequests;
        var second = await _servers.Client.AskOkAsync("what does error code E-34 mean on the AN/PRC-990");

        Assert.False(first.GetProperty("cached").GetBoolean());
        Assert.True(second.GetProperty("cached").GetBoolean());
        Assert.Equal(first.GetProperty("answer").GetString(), second.GetProperty("answer").GetString());
        Assert.Equal(generated, _servers.Vllm.GenerationRequests);
    }

    [Fact]
    public async Task SearchFindsThePassageWithItsDocumentSectionAndPage()
    {
        var search = await _servers.Client.SearchOkAsync("AN/PRC-990 battery life", topK: 3);

        var top = search.GetProperty("results")[0];
        Assert.Contains("18 hours", top.GetProperty("text").GetString());
        Assert.Equal(1, top.GetProperty("page").GetInt32());
        Assert.False(string.IsNullOrEmpty(top.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task ExampleQuestionsComeFromTheLibrary()
    {
        using var response = await _servers.Client.GetAsync("/api/examples?count=3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var questions = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("questions");
        Assert.InRange(questions.GetArrayLength(), 1, 3);
        Assert.All(questions.EnumerateArray(), q => Assert.EndsWith("?", q.GetString()));
    }
}
