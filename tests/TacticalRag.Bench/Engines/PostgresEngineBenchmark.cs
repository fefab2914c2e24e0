using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using Pgvector;
using TacticalRag.Api.Library;
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
public static class PostgresEngineBenchmark
{
    private const int Dimensions = 384;
    private const int Clusters = 2_000;
    private const int VectorBatch = 64;

    public sealed record Result(int Chunks, TimeSpan Ingestion, long DatabaseBytes, LatencySummary? Keyword, LatencySummary? Dense,
        LatencySummary? Exact, double RecallAt10, double ReadySeconds, double WorkingSetMb, double WorkingSetAfterSearchMb);

    public static async Task<Result> RunAsync(int chunks, int queries, bool search, bool replica, CancellationToken cancellationToken)
    {
        await using var server = await PostgresServerProcess.StartNewAsync(cancellationToken);
        var connectionString = await server.CreateDatabaseAsync(cancellationToken);
        await using var database = new PostgresLibraryDatabase(connectionString, null, Dimensions);
        var library = new SyntheticLibrary(Dimensions);
        var vectors = new ClusteredVectors(Dimensions, Clusters, 7);
        var store = new PostgresLibraryStore(database);

        var started = Stopwatch.GetTimestamp();
        var written = 0;
        foreach (var document in library.Documents(chunks))
        {
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
            if (written % 10_000 == 0)
            {
                Progress.Step($"PostgreSQL: {written:N0} of {chunks:N0} chunks written ({written / Stopwatch.GetElapsedTime(started).TotalSeconds:0}/s)");
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

        LatencySummary? keyword = null, dense = null, exact = null;
        var recall = double.NaN;
        if (search)
        {
            var engine = new PostgresSearchEngine(database, Options.Create(new LibraryEngineOptions()), TimeProvider.System);
            (keyword, dense, exact, recall) = await SearchAsync(engine, database, library, vectors, queries, cancellationToken);
        }
        var (ready, workingSet, afterSearch) = replica
            ? await ReplicaAsync(connectionString, cancellationToken)
            : (double.NaN, double.NaN, double.NaN);
        return new Result(chunks, ingestion, databaseBytes, keyword, dense, exact, recall, ready, workingSet, afterSearch);
    }

    private static async Task<(LatencySummary, LatencySummary, LatencySummary, double)> SearchAsync(
        PostgresSearchEngine engine, PostgresLibraryDatabase database, SyntheticLibrary library, ClusteredVectors vectors, int queries,
        CancellationToken cancellationToken)
    {
        List<double> keyword = [], dense = [], exact = [];
        var overlap = 0.0;
        for (var i = -20; i < queries; i++) // 20 warm-up rounds
        {
            var text = library.Query();
            var vector = vectors.Next();
            var began = Stopwatch.GetTimestamp();
            await engine.SearchKeywordsAsync(text, 50, cancellationToken);
            var keywordMs = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            began = Stopwatch.GetTimestamp();
            var approximate = await engine.SearchVectorsAsync(vector, 50, cancellationToken);
            var denseMs = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            began = Stopwatch.GetTimestamp();
            var truth = await ExactAsync(database, vector, 10, cancellationToken);
            var exactMs = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            if (i < 0)
            {
                continue;
            }
            keyword.Add(keywordMs);
            dense.Add(denseMs);
            exact.Add(exactMs);
            overlap += approximate.Take(10).Select(c => c.ChunkId).Intersect(truth).Count() / 10.0;
        }
        return (LatencySummary.From(keyword), LatencySummary.From(dense), LatencySummary.From(exact), overlap / queries);
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
        text.AppendLine("## PostgreSQL engine (pgvector HNSW m=16, ef_construction=64, ef_search 100; full-text ts_rank_cd)");
        text.AppendLine();
        text.AppendLine($"Synthetic chunks of {SyntheticLibrary.WordsPerChunk} words, {SyntheticLibrary.ChunksPerDocument} per document, clustered 384-dimension vectors "
            + $"({Clusters} clusters); written through the product's store as ingestion does. Search: top-50, one query at a time, times in ms, "
            + "measured in the bench process against a local server (loopback). Recall@10: share of the exact top 10 (index scans off) the HNSW search returns. "
            + "Replica: the real API process started on the library, seconds until its first search answers 200; working set then and after 50 searches "
            + "(the in-process embedding model included, as in every replica).");
        text.AppendLine();
        var table = new MarkdownTable("Chunks", "Ingest s", "Chunks/s", "DB MB", "Keyword p50 / p99", "HNSW p50 / p99", "Exact p50 / p99", "Recall@10",
            "Replica ready s", "Replica MB (after search)");
        foreach (var r in results)
        {
            table.Add(r.Chunks.ToString("N0", CultureInfo.InvariantCulture), r.Ingestion.TotalSeconds.ToString("0", CultureInfo.InvariantCulture),
                MarkdownTable.Rate(r.Chunks / r.Ingestion.TotalSeconds), (r.DatabaseBytes / 1e6).ToString("0", CultureInfo.InvariantCulture),
                Pair(r.Keyword), Pair(r.Dense), Pair(r.Exact), double.IsNaN(r.RecallAt10) ? "–" : r.RecallAt10.ToString("0.000", CultureInfo.InvariantCulture),
                double.IsNaN(r.ReadySeconds) ? "–" : r.ReadySeconds.ToString("0.0", CultureInfo.InvariantCulture),
                double.IsNaN(r.WorkingSetMb) ? "–" : $"{r.WorkingSetMb:0} ({r.WorkingSetAfterSearchMb:0})");
        }
        text.AppendLine(table.ToString());
        return text.ToString();
    }

    private static string Pair(LatencySummary? latency) =>
        latency is null ? "–" : $"{MarkdownTable.Ms(latency.P50)} / {MarkdownTable.Ms(latency.P99)}";

    /// <summary>Unit vectors around random cluster centres: each a centre plus Gaussian noise of about 0.6 of its length.</summary>
    private sealed class ClusteredVectors(int dimensions, int clusters, int seed)
    {
        private readonly Random _random = new(seed);
        private float[][]? _centres;

        public float[] Next()
        {
            _centres ??= Enumerable.Range(0, clusters).Select(_ => Unit(Gaussian())).ToArray();
            var centre = _centres[_random.Next(clusters)];
            var noise = Unit(Gaussian());
            var vector = new float[dimensions];
            for (var i = 0; i < dimensions; i++)
            {
                vector[i] = centre[i] + 0.6f * noise[i];
            }
            return Unit(vector);
        }

        private float[] Gaussian()
        {
            var vector = new float[dimensions];
            for (var i = 0; i < dimensions; i++)
            {
                vector[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble()));
            }
            return vector;
        }

        private static float[] Unit(float[] vector)
        {
            var norm = MathF.Sqrt(vector.Sum(v => v * v));
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
            return vector;
        }
    }
}
