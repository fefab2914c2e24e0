using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Ingestion.Chunking;
using TacticalRag.Api.Languages;
using TacticalRag.Api.Reranking;
using TacticalRag.Api.Retrieval;
using TacticalRag.Api.Storage;
using TacticalRag.Api.Storage.Postgres;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;

namespace TacticalRag.Bench.Suites.Eval;

/// <summary>One mode's scores on a set, with the latency of its searches.</summary>
public sealed record ModeResult(string Mode, RankingScores Scores, LatencySummary Latency);

/// <summary>A set's results: its size once indexed, each mode's scores, and the raw rankings for fusion studies.</summary>
public sealed record SetResult(string Set, string Engine, string Model, int Files, int Chunks, int Questions, IReadOnlyList<ModeResult> Modes, IReadOnlyList<QueryRankings> Rankings)
{
    /// <summary>The judge's unit of every indexed chunk.</summary>
    public IReadOnlyDictionary<string, string> UnitOf { get; init; } = new Dictionary<string, string>();

    /// <summary>Every indexed chunk, with its text and detected language.</summary>
    public IReadOnlyDictionary<string, EvalChunk> IndexedChunks { get; init; } = new Dictionary<string, EvalChunk>();

    /// <summary>How many chunks, and how many questions, were detected in each language ("?" for unknown).</summary>
    public IReadOnlyDictionary<string, int> ChunkLanguages { get; init; } = new Dictionary<string, int>();

    public IReadOnlyDictionary<string, int> QuestionLanguages { get; init; } = new Dictionary<string, int>();

    /// <summary>How long detecting each question's language took, in milliseconds (after the detector's first use).</summary>
    public IReadOnlyList<double> DetectionMs { get; init; } = [];

    /// <summary>"de 240 / de 1,188, en 2": the languages of the chunks, then of the questions, most frequent first.</summary>
    public string LanguageSummary => $"{Counts(ChunkLanguages)} / {Counts(QuestionLanguages)}";

    private static string Counts(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value:N0}"));
}

/// <summary>
/// BM25's and the dense ranking's top chunks for one question, with their scores, its relevant units, the question's
/// detected language and whether the embedder reads it, and the listed chunks in languages the embedder does not read.
/// </summary>
public sealed record QueryRankings(EvalQuery Query, IReadOnlyList<ScoredChunk> Keyword, IReadOnlyList<ScoredChunk> Dense, IReadOnlyDictionary<string, int> Relevant)
{
    public string? Language { get; init; }

    public bool QuestionCovered { get; init; } = true;

    public IReadOnlySet<string> UncoveredChunks { get; init; } = new HashSet<string>();
}

/// <summary>
/// Evaluates one set with the product's retrieval, in-process: a fresh index (settings as given), every question in
/// every mode, scored by the set's judge. Embeddings are cached in a file per model under the cache folder.
/// </summary>
internal static class EvalRun
{
    public const int RawDepth = 100;
    public const int ResultDepth = 20;

    /// <param name="postgres">
    /// The PostgreSQL engine's database to search instead of the in-memory index (the set is indexed in memory first,
    /// then copied in); null: the embedded engine.
    /// </param>
    public static async Task<SetResult> RunAsync(
        EvalSet set, IReadOnlyDictionary<string, string?> settings, string cacheFolder, CancellationToken cancellationToken,
        PostgresLibraryDatabase? postgres = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var model = EmbeddingModel.Find(configuration["Embeddings:Model"]) ?? EmbeddingOptions.DefaultModel;
        var cache = new FileEmbeddingCache(Path.Combine(cacheFolder, model.Name + ".cache"));
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IDistributedCache>(cache)
            .AddLogging()
            .AddDocumentExtraction()
            .AddEmbeddings();
        if (postgres is not null)
        {
            services.AddSingleton(postgres).AddSingleton(TimeProvider.System).AddOptions<LibraryEngineOptions>().BindConfiguration(LibraryEngineOptions.SectionName);
            services.AddSingleton<ISearchEngine, PostgresSearchEngine>();
        }
        services
            .AddRetrieval()
            .AddReranking()
            .AddSingleton<EvalIndexer>();
        // The product embeds chunks uncached; evaluation keeps them in its file cache so reruns skip the encoder.
        services.AddEmbeddingGenerator(provider => new DistributedCachingEmbeddingGenerator<string, Embedding<float>>(
            provider.GetRequiredService<SentenceEncoderEmbeddingGenerator>(), cache) { CacheKeyAdditionalValues = [model.Name] });
        await using var provider = services.BuildServiceProvider();

        var started = Stopwatch.GetTimestamp();
        var indexer = provider.GetRequiredService<EvalIndexer>();
        var chunks = await indexer.IndexAsync(set.Files, cancellationToken);
        cache.Save();
        if (postgres is not null)
        {
            var copied = await Engines.PostgresEngineCopy.WriteAsync(postgres, indexer.Indexed, cancellationToken);
            Progress.Step($"{set.Name}: {indexer.Indexed.Count} chunks written to PostgreSQL in {copied.TotalSeconds:0} s");
        }
        (set.Judge as GoldPhraseJudge)?.Index(chunks.Values);
        Progress.Step($"{set.Name}: {set.Files.Count} files, {chunks.Count} chunks indexed with {model.Name} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");

        var retriever = provider.GetRequiredService<HybridRetriever>();
        var questions = set.Queries.Select(q => (Query: q, Relevant: set.Judge.Relevant(q))).Where(q => q.Relevant.Count > 0).ToList();
        var modes = new List<ModeResult>();
        // Hybrid is the product's order (reranked where a reranker is configured); without one it equals fusion alone.
        var reranked = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<RerankerOptions>>().Value.IsConfigured;
        RetrievalMode[] evaluated = reranked
            ? [RetrievalMode.Keyword, RetrievalMode.Dense, RetrievalMode.FusionOnly, RetrievalMode.Hybrid]
            : [RetrievalMode.Keyword, RetrievalMode.Dense, RetrievalMode.FusionOnly];
        foreach (var mode in evaluated)
        {
            var latency = new List<double>();
            var scores = new List<RankingScores>();
            foreach (var (query, relevant) in questions)
            {
                var began = Stopwatch.GetTimestamp();
                var result = await retriever.RetrieveAsync(query.Text, ResultDepth, cancellationToken, mode);
                latency.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                var units = RankingMetrics.Units(result.Results.Select(r => chunks[r.ChunkId]), set.Judge);
                scores.Add(RankingMetrics.Score(units, relevant));
            }
            modes.Add(new ModeResult(ModeName(mode), RankingScores.Mean(scores), LatencySummary.From(latency, 0, TimeSpan.Zero)));
        }
        cache.Save();

        var index = provider.GetRequiredService<SearchIndex>();
        var embedder = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var languages = provider.GetRequiredService<TextLanguageDetector>();
        var coverage = provider.GetRequiredService<EmbeddingCoverage>();
        var rankings = new List<QueryRankings>();
        var questionLanguages = new Dictionary<string, int>(StringComparer.Ordinal);
        var detectionMs = new List<double>();
        languages.Detect("warm-up: the detector loads its models on first use");
        var minShare = provider.GetRequiredService<IOptions<RetrievalOptions>>().Value.MinLanguageShare;
        var libraryLanguages = new LibraryLanguages(
            chunks.Values.Where(c => c.Language is not null).GroupBy(c => c.Language!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal), chunks.Count);
        foreach (var (query, relevant) in questions)
        {
            var vector = (await embedder.GenerateAsync([model.QueryText(query.Text)], cancellationToken: cancellationToken))[0].Vector;
            var detecting = Stopwatch.GetTimestamp();
            var language = languages.Detect(query.Text);
            detectionMs.Add(Stopwatch.GetElapsedTime(detecting).TotalMilliseconds);
            questionLanguages[language ?? "?"] = questionLanguages.GetValueOrDefault(language ?? "?") + 1;
            var keyword = index.SearchKeywords(query.Text, RawDepth);
            var dense = index.SearchVectors(vector.Span, RawDepth);
            rankings.Add(new QueryRankings(query, keyword, dense, relevant.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal))
            {
                Language = language,
                QuestionCovered = DenseReadingRule.DenseReads(coverage, language, libraryLanguages, minShare),
                UncoveredChunks = keyword.Concat(dense).Select(c => c.ChunkId).Where(id => !DenseReadingRule.DenseReads(coverage, chunks[id].Language, libraryLanguages, minShare)).ToHashSet(StringComparer.Ordinal),
            });
        }
        var unitOf = chunks.ToDictionary(c => c.Key, c => set.Judge.UnitOf(c.Value), StringComparer.Ordinal);
        var chunkLanguages = chunks.Values.GroupBy(c => c.Language ?? "?", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new SetResult(set.Name, postgres is null ? "embedded" : "postgresql", model.Name, set.Files.Count, chunks.Count, questions.Count, modes, rankings)
        {
            UnitOf = unitOf, IndexedChunks = chunks, ChunkLanguages = chunkLanguages, QuestionLanguages = questionLanguages,
            DetectionMs = detectionMs,
        };
    }

    public static string ModeName(RetrievalMode mode) => mode switch
    {
        RetrievalMode.Keyword => "BM25",
        RetrievalMode.Dense => "dense",
        RetrievalMode.FusionOnly => "hybrid",
        RetrievalMode.Hybrid => "hybrid + rerank",
        _ => mode.ToString().ToLowerInvariant(),
    };
}
