using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using Pgvector;
using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;
using TacticalRag.Api.Storage;
using TacticalRag.Api.Storage.Postgres;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Retrieval;
using TacticalRag.TestSupport.Postgres;

namespace TacticalRag.Bench.Engines;

/// <summary>
/// The PostgreSQL engine at scale, on a throwaway local server with pgvector: ingestion through the product's store
/// (a transaction per document, then its vectors in batches, the HNSW index kept up to date), keyword and dense search
/// latency, HNSW recall@10 against exact search (the same query with index scans off), and a new API replica's time
/// to ready and memory (the real API as a process). Vectors are clustered (cluster centres plus noise, queries drawn
/// the same way): random uniform vectors have no neighbourhoods, which would make any approximate index look worse
/// than it does on embeddings.
/// </summary>
internal static class PostgresEngineBenchmark
{
    private const int Dimensions = 384;
    private const int Clusters = 2_000;
    private const int VectorBatch = 64;

    /// <summary>Chunks written through the product's store after the bulk load: ingestion's rate on a library of the full size.</summary>
    private const int IngestSample = 2_000;

    private static IEnumerable<IReadOnlyList<IndexedChunk>> Take(IEnumerator<IReadOnlyList<IndexedChunk>> documents, int chunks)
    {
        for (var taken = 0; taken < chunks && documents.MoveNext(); taken += documents.Current.Count)
        {
            yield return documents.Current;
        }
    }

    public sealed record Result(int Chunks, PostgresBulkLoad.Timings? Bulk, int Ingested, TimeSpan Ingestion, long DatabaseBytes, SearchFigures? Search,
        double ReadySeconds, double WorkingSetMb, double WorkingSetAfterSearchMb);

    public static async Task<Result> RunAsync(int chunks, int queries, bool search, bool replica, CancellationToken cancellationToken)
    {
        await using var server = await PostgresServerProcess.StartNewAsync(cancellationToken);
        var connectionString = await server.CreateDatabaseAsync(cancellationToken);
        await using var database = new PostgresLibraryDatabase(connectionString, null, Dimensions);
        var library = new SyntheticLibrary(Dimensions);
        var vectors = new ClusteredVectors(Dimensions, Clusters, 7);
        var store = new PostgresLibraryStore(database);

        await database.ReadyAsync(cancellationToken);
        using var documents = library.Documents(chunks, vectors: false).GetEnumerator();
        // All but the last IngestSample chunks copied in bulk, the indexes built once; then the rest written through
        // the product's store, as ingestion writes them, onto a library of the full size: the ingestion rate at that size.
        var bulkChunks = Math.Max(0, chunks - IngestSample) / SyntheticLibrary.ChunksPerDocument * SyntheticLibrary.ChunksPerDocument;
        PostgresBulkLoad.Timings? bulk = null;
        if (bulkChunks > 0)
        {
            bulk = await PostgresBulkLoad.LoadAsync(database, Take(documents, bulkChunks), vectors.Next, bulkChunks, cancellationToken);
            Progress.Step($"PostgreSQL bulk load of {bulkChunks:N0} chunks: copy {bulk.Copy.TotalSeconds:0} s, terms {bulk.Terms.TotalSeconds:0} s, "
                + $"GIN {bulk.KeywordIndex.TotalSeconds:0} s, HNSW {bulk.VectorIndex.TotalSeconds:0} s");
        }

        var started = Stopwatch.GetTimestamp();
        var written = 0;
        while (documents.MoveNext())
        {
            var document = documents.Current;
            var first = document[0];
            var record = new LibraryDocument(first.Chunk.DocumentId, first.Title, first.Chunk.DocumentId + ".txt", "text/plain", 0,
                first.Chunk.DocumentId, document.Count, DateTimeOffset.UnixEpoch, DocumentStatus.Ready, 1);
            await store.TryAddDocumentAsync(record, document.Select(c => c.Chunk).ToList(), cancellationToken);
            var embedded = document.Select(c => new ChunkVector(c.Chunk.Id, vectors.Next())).ToList();
            for (var i = 0; i < embedded.Count; i += VectorBatch)
            {
                await store.SaveVectorsAsync(record.Id, embedded.Skip(i).Take(VectorBatch).ToList(), cancellationToken);
            }
            written += document.Count;
            if (written % 1_000 < document.Count)
            {
                Progress.Step($"PostgreSQL: {written:N0} of {chunks - bulkChunks:N0} chunks written through the store ({written / Stopwatch.GetElapsedTime(started).TotalSeconds:0}/s)");
            }
        }
        var ingestion = Stopwatch.GetElapsedTime(started);
        long databaseBytes;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await using var vacuum = new NpgsqlCommand("vacuum analyze chunks", connection);
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
            await using var size = new NpgsqlCommand("select pg_database_size(current_database())", connection);
            databaseBytes = (long)(await size.ExecuteScalarAsync(cancellationToken))!;
        }

        var figures = search ? await SearchAsync(database, library, vectors, queries, cancellationToken) : null;
        var (ready, workingSet, afterSearch) = replica
            ? await ReplicaAsync(connectionString, cancellationToken)
            : (double.NaN, double.NaN, double.NaN);
        return new Result(chunks, bulk, written, ingestion, databaseBytes, figures, ready, workingSet, afterSearch);
    }

    /// <summary>The HNSW breadths measured (hnsw.ef_search); the engine's default (Library:HnswEfSearch) is among them.</summary>
    public static readonly int[] EfSearchSweep = [40, 100, 200];

    /// <summary>One HNSW breadth's latency (top 50, as fusion asks) and recall@10 against the exact top 10.</summary>
    public sealed record DenseRow(int EfSearch, LatencySummary Latency, double RecallAt10);

    /// <summary>One keyword scoring's latency (top 50).</summary>
    public sealed record KeywordRow(KeywordScoring Scoring, LatencySummary Latency);

    public sealed record SearchFigures(IReadOnlyList<KeywordRow> Keyword, IReadOnlyList<DenseRow> Dense, LatencySummary Exact);

    private static async Task<SearchFigures> SearchAsync(
        PostgresLibraryDatabase database, SyntheticLibrary library, ClusteredVectors vectors, int queries, CancellationToken cancellationToken)
    {
        var scorings = Enum.GetValues<KeywordScoring>();
        var keywordEngines = scorings.Select(scoring => new PostgresSearchEngine(database,
            Options.Create(new LibraryEngineOptions { KeywordScoring = scoring }), TimeProvider.System)).ToArray();
        var denseEngines = EfSearchSweep.Select(ef => new PostgresSearchEngine(database,
            Options.Create(new LibraryEngineOptions { HnswEfSearch = ef }), TimeProvider.System)).ToArray();
        var keyword = scorings.Select(_ => new List<double>()).ToArray();
        var dense = EfSearchSweep.Select(_ => new List<double>()).ToArray();
        var overlap = new double[EfSearchSweep.Length];
        List<double> exact = [];
        for (var i = -20; i < queries; i++) // 20 warm-up rounds
        {
            var text = library.Query();
            var vector = vectors.Next();
            var keywordMs = new double[scorings.Length];
            for (var k = 0; k < scorings.Length; k++)
            {
                var began = Stopwatch.GetTimestamp();
                await keywordEngines[k].SearchKeywordsAsync(text, 50, cancellationToken);
                keywordMs[k] = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            }
            var denseMs = new double[EfSearchSweep.Length];
            var found = new IReadOnlyList<ScoredChunk>[EfSearchSweep.Length];
            for (var d = 0; d < EfSearchSweep.Length; d++)
            {
                var began = Stopwatch.GetTimestamp();
                found[d] = await denseEngines[d].SearchVectorsAsync(vector, 50, cancellationToken);
                denseMs[d] = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            }
            var exactBegan = Stopwatch.GetTimestamp();
            var truth = await ExactAsync(database, vector, 10, cancellationToken);
            var exactMs = Stopwatch.GetElapsedTime(exactBegan).TotalMilliseconds;
            if (i < 0)
            {
                continue;
            }
            for (var k = 0; k < scorings.Length; k++)
            {
                keyword[k].Add(keywordMs[k]);
            }
            for (var d = 0; d < EfSearchSweep.Length; d++)
            {
                dense[d].Add(denseMs[d]);
                overlap[d] += found[d].Take(10).Select(c => c.ChunkId).Intersect(truth).Count() / 10.0;
            }
            exact.Add(exactMs);
            if ((i + 1) % 25 == 0)
            {
                Progress.Step($"PostgreSQL search: {i + 1} of {queries} queries measured");
            }
        }
        return new SearchFigures(
            scorings.Select((scoring, k) => new KeywordRow(scoring, LatencySummary.From(keyword[k]))).ToList(),
            EfSearchSweep.Select((ef, d) => new DenseRow(ef, LatencySummary.From(dense[d]), overlap[d] / queries)).ToList(),
            LatencySummary.From(exact));
    }

    /// <summary>The true top k: the same ordering with index scans off, so PostgreSQL compares every vector.</summary>
    private static async Task<IReadOnlyList<string>> ExactAsync(PostgresLibraryDatabase database, float[] vector, int k, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var off = new NpgsqlCommand("set local enable_indexscan = off; set local enable_bitmapscan = off", connection, transaction))
        {
            await off.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = new NpgsqlCommand(
            "select id from chunks where embedding is not null order by embedding <=> $1 limit $2", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = new Vector(vector) });
        command.Parameters.Add(new NpgsqlParameter { Value = k });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>A real API process on the library: seconds from start to /health 200, its working set then and after searches.</summary>
    private static async Task<(double Ready, double WorkingSetMb, double AfterSearchMb)> ReplicaAsync(string connectionString, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "TacticalRag.Api.dll"), $"--urls=http://127.0.0.1:{port}",
            "--Library:Engine=PostgreSQL", $"--ConnectionStrings:library={connectionString}",
            "--Llm:VllmHost=http://127.0.0.1:9/", "--Llm:OllamaHost=http://127.0.0.1:9/", "--Logging:LogLevel:Default=Warning",
        })
        {
            start.ArgumentList.Add(arg);
        }
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        var began = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The API did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Ready = the search-index check passes (the LLM checks are down here, so /health as a whole is Degraded or Unhealthy).
            while (true)
            {
                try
                {
                    using var response = await http.PostAsync("/api/search", new StringContent("{\"query\":\"what is the status\",\"topK\":5}", Encoding.UTF8, "application/json"), cancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }
                if (Stopwatch.GetElapsedTime(began) > TimeSpan.FromMinutes(3))
                {
                    throw new TimeoutException("The API on PostgreSQL did not answer a search within 3 minutes.");
                }
                await Task.Delay(50, cancellationToken);
            }
            var ready = Stopwatch.GetElapsedTime(began).TotalSeconds;
            process.Refresh();
            var workingSet = process.WorkingSet64 / 1e6;
            for (var i = 0; i < 50; i++)
            {
                using var response = await http.PostAsync("/api/search", new StringContent($"{{\"query\":\"what is the procedure number {i}\",\"topK\":10}}", Encoding.UTF8, "application/json"), cancellationToken);
            }
            process.Refresh();
            return (ready, workingSet, process.WorkingSet64 / 1e6);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Report(IReadOnlyList<Result> results)
    {
        var text = new StringBuilder();
        text.AppendLine("## PostgreSQL engine (pgvector HNSW m=16, ef_construction=64)");
        text.AppendLine();
        text.AppendLine($"Synthetic chunks of {SyntheticLibrary.WordsPerChunk} words, {SyntheticLibrary.ChunksPerDocument} per document, clustered 384-dimension vectors "
            + $"({Clusters} clusters). All but the last {IngestSample:N0} chunks bulk-loaded (binary COPY, keyword terms and BM25 statistics by the engine's SQL, "
            + "then the GIN and HNSW indexes built once, as a restore would); the last ones written through the product's store as ingestion does "
            + "(a transaction per document, vectors in batches of 64, the indexes kept up to date): the ingestion rate on a library of that size. "
            + "Search: top-50, one query at a time, times in ms, measured in the bench process against a local server (loopback). "
            + "Recall@10: share of the exact top 10 (index scans off) the HNSW search returns. Replica: the real API process started on the library, "
            + "seconds until its first search answers 200; working set then and after 50 searches (the in-process embedding model included, as in every replica).");
        text.AppendLine();
        var table = new MarkdownTable("Chunks", "Bulk load s (copy / terms / GIN / HNSW)", "Store ingestion chunks/s", "DB MB",
            "Replica ready s", "Replica MB (after search)");
        foreach (var r in results)
        {
            table.Add(r.Chunks.ToString("N0", CultureInfo.InvariantCulture),
                r.Bulk is { } bulk ? $"{Seconds(bulk.Total)} ({Seconds(bulk.Copy)} / {Seconds(bulk.Terms)} / {Seconds(bulk.KeywordIndex)} / {Seconds(bulk.VectorIndex)})" : "–",
                r.Ingested == 0 ? "–" : $"{MarkdownTable.Rate(r.Ingested / r.Ingestion.TotalSeconds)} ({r.Ingested:N0} chunks)",
                (r.DatabaseBytes / 1e6).ToString("0", CultureInfo.InvariantCulture),
                double.IsNaN(r.ReadySeconds) ? "–" : r.ReadySeconds.ToString("0.0", CultureInfo.InvariantCulture),
                double.IsNaN(r.WorkingSetMb) ? "–" : $"{r.WorkingSetMb:0} ({r.WorkingSetAfterSearchMb:0})");
        }
        text.AppendLine(table.ToString());
        foreach (var r in results.Where(r => r.Search is not null))
        {
            var search = r.Search!;
            text.AppendLine();
            text.AppendLine($"Search at {r.Chunks:N0} chunks ({search.Exact.Count} queries; exact search p50 / p99 {Pair(search.Exact)} ms):");
            text.AppendLine();
            var rows = new MarkdownTable("Search", "p50 / p99 ms", "Recall@10");
            var defaults = new LibraryEngineOptions();
            foreach (var keyword in search.Keyword)
            {
                rows.Add($"keyword, {keyword.Scoring}{(keyword.Scoring == defaults.KeywordScoring ? " (default)" : "")}", Pair(keyword.Latency), "–");
            }
            foreach (var dense in search.Dense)
            {
                rows.Add($"HNSW, ef_search {dense.EfSearch}{(dense.EfSearch == defaults.HnswEfSearch ? " (default)" : "")}", Pair(dense.Latency),
                    dense.RecallAt10.ToString("0.000", CultureInfo.InvariantCulture));
            }
            text.AppendLine(rows.ToString());
        }
        return text.ToString();
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);

    private static string Pair(LatencySummary? latency) =>
        latency is null ? "–" : $"{MarkdownTable.Ms(latency.P50)} / {MarkdownTable.Ms(latency.P99)}";
}
