using System.Net;
using System.Text.Json;
using TacticalRag.ModelServerSim;
using static TacticalRag.ModelServerSim.Tests.SimulatorHttp;

namespace TacticalRag.ModelServerSim.Tests;

/// <summary>The simulator's two rerank APIs as a client reads them: TEI's <c>/rerank</c> and vLLM's <c>/v1/rerank</c>.</summary>
public sealed class RerankWireTests
{
    private const string RerankerModel = "BAAI/bge-reranker-base";
    private const string Documents = """["The generator manual.","A hot generator must cool before the crew refuels it.","Radio checks every hour."]""";

    [Fact]
    public async Task TeiRanksEveryTextByTheShareOfQueryWordsItHoldsBestFirst()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync("rerank", $$"""{"query":"refuel a hot generator","texts":{{Documents}}}""");
        var ranks = (await response.ReadJsonAsync()).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([1, 0, 2], ranks.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal([1.0, 1.0 / 3, 0.0], ranks.Select(r => Math.Round(r.GetProperty("score").GetDouble(), 6)), new RoundedEquality());
        Assert.False(ranks[0].TryGetProperty("text", out _));
    }

    [Fact]
    public async Task TeiReturnsTheTextsWhenAskedAndRefusesEmptyOrTooManyTextsAsTeiDoes()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        using var withText = await client.PostJsonAsync("rerank", $$"""{"query":"radio","texts":{{Documents}},"return_text":true}""");
        using var empty = await client.PostJsonAsync("rerank", """{"query":"radio","texts":[]}""");
        using var tooMany = await client.PostJsonAsync("rerank", JsonSerializer.Serialize(new { query = "radio", texts = Enumerable.Repeat("x", 33) }));

        Assert.Equal("Radio checks every hour.", (await withText.ReadJsonAsync())[0].GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal("Validation", (await empty.ReadJsonAsync()).GetProperty("error_type").GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        Assert.Contains("batch size 33", (await tooMany.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task VllmAnswersTheTopNResultsWithTheirDocumentsAndUsage()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync("v1/rerank", $$"""{"model":"{{RerankerModel}}","query":"refuel a hot generator","documents":{{Documents}},"top_n":2}""");
        var body = await response.ReadJsonAsync();
        var results = body.GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RerankerModel, body.GetProperty("model").GetString());
        Assert.StartsWith("rerank-", body.GetProperty("id").GetString());
        Assert.True(body.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
        Assert.Equal([1, 0], results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(1.0, results[0].GetProperty("relevance_score").GetDouble());
        Assert.Equal("A hot generator must cool before the crew refuels it.", results[0].GetProperty("document").GetProperty("text").GetString());
    }

    [Fact]
    public async Task VllmAnswers404ForAModelItDoesNotServe()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        using var response = await client.PostJsonAsync("v1/rerank", $$"""{"model":"other/model","query":"radio","documents":{{Documents}}}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("The model `other/model` does not exist.", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task FaultsApplyToRerankingAsToGenerationAndEveryRequestIsCounted()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var client = Client(simulator);

        await simulator.SetFaultAsync(SimFault.ServerError);
        using var teiError = await client.PostJsonAsync("rerank", $$"""{"query":"radio","texts":{{Documents}}}""");
        using var vllmError = await client.PostJsonAsync("v1/rerank", $$"""{"query":"radio","documents":{{Documents}}}""");
        await simulator.SetFaultAsync(SimFault.TooManyRequests);
        using var overloaded = await client.PostJsonAsync("rerank", $$"""{"query":"radio","texts":{{Documents}}}""");
        await simulator.SetFaultAsync(SimFault.MalformedJson);
        using var malformed = await client.PostJsonAsync("rerank", $$"""{"query":"radio","texts":{{Documents}}}""");

        Assert.Equal(HttpStatusCode.InternalServerError, teiError.StatusCode);
        Assert.Equal("Backend", (await teiError.ReadJsonAsync()).GetProperty("error_type").GetString());
        Assert.Equal(500, (await vllmError.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.TooManyRequests, overloaded.StatusCode);
        Assert.Equal("Overloaded", (await overloaded.ReadJsonAsync()).GetProperty("error_type").GetString());
        Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
        await Assert.ThrowsAnyAsync<JsonException>(() => malformed.ReadJsonAsync());
        Assert.Equal(4, simulator.RerankRequests);
        Assert.Equal(0, simulator.GenerationRequests);
    }

    private sealed class RoundedEquality : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-6;

        public int GetHashCode(double obj) => 0;
    }
}
