using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TacticalRag.Api.Library;
using TacticalRag.Api.Storage;
using TacticalRag.Api.Storage.Files;
using TacticalRag.Api.Storage.Redis;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.IndexLoad;
using TacticalRag.Bench.Suites.Ingestion;
using TacticalRag.TestSupport.Redis;

namespace TacticalRag.Bench.Suites;

/// <summary>
/// How long a replica takes to load its search index at start, and what the index then holds in memory: a real
/// redis-server (started here) and a data folder, both filled through the product's stores with the same synthetic
/// library, then each loaded into a fresh index the way <c>LibraryIndexSync</c> does, in a fresh process of its own.
/// </summary>
public sealed class IndexLoadSuite : IBenchSuite
{
    /// <summary>Loads per store, alternating: on a shared 2-core machine one load alone says little about its spread.</summary>
    private const int Rounds = 2;

    public string Name => "index-load";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        if (ChildProcessLoad.IsChild)
        {
            return await ChildProcessLoad.ServeAsync(cancellationToken);
        }
        var started = Stopwatch.GetTimestamp();
        var report = new StringBuilder(MachineReport.Describe(Name));
        if (options.Engines.Contains("postgresql"))
        {
            // No index to load: a replica's readiness is its process start and its first query.
            var measured = await Engines.PostgresEngineBenchmark.RunAsync(options.Chunks, queries: 0, search: false, replica: true, cancellationToken);
            report.AppendLine(Engines.PostgresEngineBenchmark.Report([measured]));
            if (!options.Engines.Contains("embedded"))
            {
                return report.ToString();
            }
        }
        var folder = Directory.CreateTempSubdirectory("trag-bench-folder-").FullName;
        try
        {
            await using var redis = await RedisServerProcess.StartNewAsync(cancellationToken);
            var storage = Options.Create(new StorageOptions { DataPath = folder });

            FilledLibrary filled;
            using (var filling = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionStringWith(TimeSpan.FromSeconds(60))))
            {
                ILibraryStore[] stores = [OpenRedis(filling), new FileLibraryStore(storage)];
                Progress.Step($"Filling redis-server (port {redis.Port}) and {folder} with {options.Chunks:N0} chunks");
                filled = await SyntheticStoreFiller.FillAsync(stores, options.Chunks, cancellationToken);
            }
            var redisMemory = await RedisUsedMemoryAsync(redis.ConnectionStringWith(TimeSpan.FromSeconds(60)));
            var folderBytes = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

            var results = new List<IndexLoadResult>();
            for (var round = 1; round <= Rounds; round++)
            {
                results.Add(await ChildProcessLoad.RunAsync(ChildProcessLoad.RedisStore, redis.ConnectionStringWith(TimeSpan.FromSeconds(60)), round, cancellationToken));
                results.Add(await ChildProcessLoad.RunAsync(ChildProcessLoad.FolderStore, folder, round, cancellationToken));
            }
            report.AppendLine(CultureInfo.InvariantCulture,
                $"- Library: {filled.Chunks:N0} chunks in {filled.Documents} documents of up to {SyntheticStoreFiller.ChunksPerDocument:N0}, "
                + $"each with a 384-dimension vector; written through the product's stores in {filled.Elapsed.TotalSeconds:0} s. "
                + $"Stored size: Redis used_memory {redisMemory / 1e6:0} MB, data folder {folderBytes / 1e6:0} MB on disk.");
            report.AppendLine();
            report.AppendLine(IndexLoadReport.Write(results, filled));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        report.AppendLine(CultureInfo.InvariantCulture, $"- Load average at end (1, 5, 15 min): {MachineLoad.Now()}");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"_Suite ran in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s._");
        return report.ToString();
    }

    private static RedisLibraryStore OpenRedis(IConnectionMultiplexer connection) =>
        new(connection, Options.Create(new StorageOptions()), NullLogger<RedisLibraryStore>.Instance);

    private static async Task<long> RedisUsedMemoryAsync(string connectionString)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString + ",allowAdmin=true");
        var info = await connection.GetServer(connection.GetEndPoints()[0]).InfoAsync("memory");
        var usedMemory = info.SelectMany(group => group).FirstOrDefault(pair => pair.Key == "used_memory").Value;
        return long.TryParse(usedMemory, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) ? bytes : -1;
    }
}
