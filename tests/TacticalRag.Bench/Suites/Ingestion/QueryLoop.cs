using System.Diagnostics;
using TacticalRag.Bench.Measurement;

namespace TacticalRag.Bench.Suites.Ingestion;

/// <summary>Search and ask latencies of one phase, and how many asks came back retrieval-only (no model answered).</summary>
/// <param name="AskRetrieval">The asks' own timings.retrievalMs (question embedding, search, fusion), as the API reports them.</param>
/// <param name="AskGeneration">The asks' timings.generationMs (the model call, here the simulator).</param>
public sealed record QueryLatency(
    LatencySummary Search, LatencySummary Ask, LatencySummary AskRetrieval, LatencySummary AskGeneration, int RetrievalOnlyAnswers, TimeSpan Window);

/// <summary>The raw latencies of a phase, which may be gathered in several stretches (idle: before and after indexing).</summary>
public sealed class QuerySamples
{
    private readonly List<double> _search = [];
    private readonly List<double> _ask = [];
    private readonly List<double> _askRetrieval = [];
    private readonly List<double> _askGeneration = [];
    private int _searchErrors;
    private int _askErrors;
    private int _retrievalOnly;
    private TimeSpan _window;

    public void Add(double? searchMs, AskOutcome ask)
    {
        if (searchMs is { } s) _search.Add(s); else _searchErrors++;
        if (ask.Ms is { } a) _ask.Add(a); else _askErrors++;
        if (ask.RetrievalMs is { } retrieval) _askRetrieval.Add(retrieval);
        if (ask.GenerationMs is { } generation) _askGeneration.Add(generation);
        _retrievalOnly += ask.Backend == "none" ? 1 : 0;
    }

    public void AddWindow(TimeSpan window) => _window += window;

    public QueryLatency Summarize() => new(
        LatencySummary.From(_search, _searchErrors, _window), LatencySummary.From(_ask, _askErrors, _window),
        LatencySummary.From(_askRetrieval), LatencySummary.From(_askGeneration), _retrievalOnly, _window);
}

/// <summary>
/// One user asking: <c>POST /api/search</c> then <c>POST /api/ask</c>, one after the other, each with a question no
/// cache has seen, over and over until told to stop. Stopping is checked between rounds, never timed.
/// </summary>
public static class QueryLoop
{
    public static async Task RunAsync(
        HttpClient client, UniqueQuestions questions, Func<Task<bool>> done, QuerySamples into, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        do
        {
            var searchMs = await LibraryHttp.SearchAsync(client, questions.Next(), cancellationToken);
            var ask = await LibraryHttp.AskAsync(client, questions.Next(), cancellationToken);
            into.Add(searchMs, ask);
        }
        while (!await done());
        into.AddWindow(Stopwatch.GetElapsedTime(started));
    }

    /// <summary>A stop condition: a span of time from now.</summary>
    public static Func<Task<bool>> For(TimeSpan span)
    {
        var end = Stopwatch.GetTimestamp() + (long)(span.TotalSeconds * Stopwatch.Frequency);
        return () => Task.FromResult(Stopwatch.GetTimestamp() >= end);
    }
}
