using System.Text.Json;
using TacticalRag.Api.ModelServerKit;
using TacticalRag.Api.Reranking;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Retrieval;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Reranking;

/// <summary>
/// A reranker simulator and a search host pointed at it, with three passages whose fused (BM25) order differs from the
/// order the simulated cross-encoder gives them, started fresh for one test.
/// </summary>
internal sealed class RerankerSetup : IAsyncDisposable
{
    /// <summary>Its content words, for the simulated cross-encoder, are crew, generator and hot.</summary>
    public const string Query = "What must the crew do when the generator is hot?";

    /// <summary>
    /// BM25 favours the passage that repeats the question words (Lucene keeps "what", "must", "do", "when"); the
    /// simulated reranker leaves those out and favours the passage holding every content word.
    /// </summary>
    public static readonly string[] FusionOrder = ["notes-00000", "notes-00001", "notes-00002"];

    public static readonly string[] RerankOrder = ["notes-00001", "notes-00002", "notes-00000"];

    private RerankerSetup(ModelServerSimulator reranker, SearchHost host)
    {
        Reranker = reranker;
        Host = host;
    }

    public ModelServerSimulator Reranker { get; }

    public SearchHost Host { get; }

    public RerankerState State => (RerankerState)Host.Services.GetService(typeof(RerankerState))!;

    /// <param name="probeInterval">Long by default, so no probe changes the state during a test that does not want one.</param>
    public static async Task<RerankerSetup> StartAsync(string format = "tei", string probeInterval = "00:10:00", string? endpoint = null)
    {
        var reranker = await ModelServerSimulator.StartAsync();
        var host = await SearchHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Reranker:Endpoint"] = endpoint ?? reranker.BaseAddress.ToString(),
            ["Reranker:Format"] = format,
            // Bounds that a first call on a busy machine (JIT, a new connection) stays well within.
            ["Reranker:Timeout"] = "00:00:03",
            ["Reranker:HealthProbeInterval"] = probeInterval,
            ["Reranker:HealthProbeTimeout"] = "00:00:02",
        });
        await IndexPassagesAsync(host);
        return new RerankerSetup(reranker, host);
    }

    public static Task IndexPassagesAsync(SearchHost host) => host.IndexAsync("notes", "Field notes",
    [
        ("Orders", "What must you do, and when? What you must do is written down: what, when and where."),
        ("Heat", "The crew lets a hot generator cool."),
        ("Manuals", "The generator manual."),
    ], withVectors: false);

    public Task<JsonElement> SearchAsync() => SearchCalls.SearchAsync(Host, JsonSerializer.Serialize(new { query = Query, topK = 3 }));

    public Task WaitUntilAsync(ModelServerAvailability availability) => Eventually.ReturnsAsync(
        () => Task.FromResult(State.Current.Availability), a => a == availability, $"the reranker is known {availability}");

    public static IEnumerable<string?> ChunkIds(JsonElement search) =>
        search.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("chunkId").GetString());

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Reranker.DisposeAsync();
    }
}
