using TacticalRag.Api.Languages;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;

namespace TacticalRag.Bench.Suites.Retrieval;

/// <summary>What one index size costs: time to build, memory held, and search latency, one query at a time.</summary>
public sealed record SearchSizeResult(
    int Chunks, TimeSpan BuildTime, long HeldBytes, LatencySummary Keyword, LatencySummary Dense,
    LatencySummary IndexOnly, LatencySummary WithQueryEmbedding, LatencySummary? DuringWrites)
{
    /// <summary>Lingua on the same queries, alone: what a question pays where its language counts.</summary>
    public LatencySummary? Detection { get; init; }

    /// <summary>Retrieve (index only) after a fifth of the documents were re-indexed as German: the question's language counts.</summary>
    public LatencySummary? WithASecondLanguage { get; init; }
}

/// <summary>
/// Builds a synthetic index of a given size as a replica loads one (document by document, vectors included), then
/// times searches through <see cref="HybridRetriever"/>: with the index alone (a random query vector, so the model's
/// time is left out) and end to end with the real query embedding; at the largest size also while a writer keeps
/// adding and removing a document, as ingestion does.
/// </summary>
public static class SearchLatencyBenchmark
{
    private const int WarmupQueries = 30;

    public static async Task<SearchSizeResult> MeasureAsync(
        int chunks, int queries, bool underWrites, IEmbeddingGenerator<string, Embedding<float>> queryEmbedder,
        RetrievalTelemetry telemetry, CancellationToken cancellationToken)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var library = new SyntheticLibrary(EmbeddingOptions.DefaultModel.Dimensions, sequence: chunks);
        using var index = new SearchIndex();
        var build = Stopwatch.StartNew();
        foreach (var document in library.Documents(chunks))
        {
            index.AddRange(document);
        }
        index.SearchKeywords("warm", 1); // the first search opens the keyword reader: part of becoming searchable
        build.Stop();
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        Progress.Step($"{chunks:N0} chunks indexed in {build.Elapsed.TotalSeconds:0.0} s, {held / 1e6:0} MB held");

        var options = Options.Create(new RetrievalOptions());
        var planner = new QueryPlanner(options, new QueryVariantWriter(options, NullLogger<QueryVariantWriter>.Instance));
        var detector = new TextLanguageDetector();
        var indexOnly = new HybridRetriever(index, new RandomQueryEmbeddings(new SyntheticLibrary(index.Dimensions, sequence: 7)), EmbeddingOptions.DefaultModel, planner, options, telemetry, detector, EmbeddingCoverage.EnglishOnly, TimeProvider.System);
        var endToEnd = new HybridRetriever(index, queryEmbedder, EmbeddingOptions.DefaultModel, planner, options, telemetry, detector, EmbeddingCoverage.EnglishOnly, TimeProvider.System);

        var (keyword, dense, indexOnlyLatency, endToEndLatency, detection) = await SampleAsync(index, indexOnly, endToEnd, detector, library, queries, cancellationToken);
        LatencySummary? duringWrites = null;
        if (underWrites)
        {
            using var stopWriting = new CancellationTokenSource();
            var writer = Task.Run(() => KeepWritingAsync(index, stopWriting.Token), CancellationToken.None);
            duringWrites = (await SampleAsync(index, indexOnly, endToEnd, detector, library, queries, cancellationToken)).IndexOnly;
            await stopWriting.CancelAsync();
            await writer;
        }
        LatencySummary? withASecondLanguage = null;
        if (underWrites)
        {
            // The same library with every fifth document German: a language the English embedder does not read, held
            // in earnest, so every search detects the question's language, looks up its candidates' languages and
            // reads two BM25 fields. (The synthetic words are no language: Lingua's guesses at the queries are random,
            // and a query guessed German is ranked by BM25 alone.)
            var again = new SyntheticLibrary(EmbeddingOptions.DefaultModel.Dimensions, sequence: chunks);
            var ordinal = 0;
            foreach (var document in again.Documents(chunks))
            {
                if (ordinal++ % 5 == 0)
                {
                    index.ReplaceDocument(document[0].Chunk.DocumentId, [.. document.Select(c => c with { Chunk = c.Chunk with { Language = "de" } })]);
                }
            }
            withASecondLanguage = (await SampleAsync(index, indexOnly, endToEnd, detector, library, queries, cancellationToken)).IndexOnly;
        }
        return new SearchSizeResult(chunks, build.Elapsed, held, keyword, dense, indexOnlyLatency, endToEndLatency, duringWrites)
        {
            Detection = detection,
            WithASecondLanguage = withASecondLanguage,
        };
    }

    /// <summary>
    /// Each round times a BM25 search, a dense search, a retrieval with a random query vector, one with the query
    /// embedded and the question's language detection alone, back to back, so that all five see the same machine load.
    /// </summary>
    private static async Task<(LatencySummary Keyword, LatencySummary Dense, LatencySummary IndexOnly, LatencySummary EndToEnd, LatencySummary Detection)> SampleAsync(
        SearchIndex index, HybridRetriever indexOnly, HybridRetriever endToEnd, TextLanguageDetector detector, SyntheticLibrary library, int queries, CancellationToken cancellationToken)
    {
        var samples = Enumerable.Range(0, 5).Select(_ => new List<double>(queries)).ToArray();
        for (var i = 0; i < WarmupQueries + queries; i++)
        {
            var times = new[]
            {
                Time(() => index.SearchKeywords(library.Query(), 50)),
                Time(() => index.SearchVectors(library.UnitVector(), 50)),
                await TimeAsync(() => indexOnly.RetrieveAsync(library.Query(), topK: null, cancellationToken)),
                await TimeAsync(() => endToEnd.RetrieveAsync(library.Query(), topK: null, cancellationToken)),
                Time(() => detector.Detect(library.Query()) ?? ""),
            };
            if (i >= WarmupQueries)
            {
                for (var k = 0; k < times.Length; k++)
                {
                    samples[k].Add(times[k]);
                }
            }
        }
        return (LatencySummary.From(samples[0]), LatencySummary.From(samples[1]), LatencySummary.From(samples[2]), LatencySummary.From(samples[3]), LatencySummary.From(samples[4]));
    }

    private static double Time(Func<object> search)
    {
        var started = Stopwatch.GetTimestamp();
        search();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<double> TimeAsync(Func<Task<RetrievalResult>> search)
    {
        var started = Stopwatch.GetTimestamp();
        await search();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>
    /// Ingestion's writes at three times the pace the embedder allows (about 50 chunks a second): a 50-chunk document's
    /// text, then its vectors in batches of 16 every 100 ms, then its removal, over and over.
    /// </summary>
    private static async Task KeepWritingAsync(SearchIndex index, CancellationToken stop)
    {
        var library = new SyntheticLibrary(index.Dimensions, sequence: 99);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var document = library.Documents(SyntheticLibrary.ChunksPerDocument).First();
                var documentId = document[0].Chunk.DocumentId;
                index.AddRange(document.Select(c => c with { Vector = null }));
                foreach (var batch in document.Chunk(16))
                {
                    await Task.Delay(100, stop);
                    index.SetVectors(documentId, batch.Select(c => new ChunkVector(c.Chunk.Id, c.Vector!)).ToList());
                }
                index.RemoveDocument(documentId);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The measurement is over.
        }
    }
}
