using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TacticalRag.Api.Storage;
using TacticalRag.Api.Storage.Files;
using TacticalRag.Api.Storage.Redis;

namespace TacticalRag.Bench.Suites.IndexLoad;

/// <summary>
/// Runs each measured load in a fresh process of this bench, as a replica starts: nothing compiled yet, no heap
/// grown by earlier work, so its working set is the load's own. The parent sets <see cref="Variable"/>; the child,
/// seeing it, loads once and prints its <see cref="IndexLoadResult"/> as JSON instead of a report.
/// </summary>
public static class ChildProcessLoad
{
    /// <summary>"Redis|connection string" or "Data folder|path", then "|round".</summary>
    public const string Variable = "TRAG_BENCH_INDEX_LOAD_CHILD";
    public const string RedisStore = "Redis";
    public const string FolderStore = "Data folder";

    public static bool IsChild => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 };

    public static async Task<IndexLoadResult> RunAsync(string store, string location, int round, CancellationToken cancellationToken)
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("The bench's own executable is unknown.");
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location); // run as "dotnet TacticalRag.Bench.dll"
        }
        start.ArgumentList.Add("index-load");
        start.Environment[Variable] = string.Join('|', store, location, round.ToString(CultureInfo.InvariantCulture));
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The load process did not start.");
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine(e.Data); // its progress lines, and the reason should it fail
            }
        };
        child.BeginErrorReadLine();
        var output = await child.StandardOutput.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The {store} load process exited with {child.ExitCode}; its output is above.");
        }
        return JsonSerializer.Deserialize<IndexLoadResult>(output) ?? throw new InvalidDataException("The load process printed no result.");
    }

    /// <summary>The child's side: one load, as JSON.</summary>
    public static async Task<string> ServeAsync(CancellationToken cancellationToken)
    {
        var parts = Environment.GetEnvironmentVariable(Variable)!.Split('|');
        var (store, location, round) = (parts[0], parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture));
        var result = store switch
        {
            RedisStore => await ReplicaIndexLoad.MeasureAsync(store, round, async () =>
            {
                var connection = await ConnectionMultiplexer.ConnectAsync(location);
                var library = new RedisLibraryStore(connection, Options.Create(new StorageOptions()), NullLogger<RedisLibraryStore>.Instance);
                return new ReplicaIndexLoad.OpenedStore(library, connection);
            }, cancellationToken),
            FolderStore => await ReplicaIndexLoad.MeasureAsync(store, round, () => Task.FromResult(
                new ReplicaIndexLoad.OpenedStore(new FileLibraryStore(Options.Create(new StorageOptions { DataPath = location })), null)),
                cancellationToken),
            _ => throw new ArgumentException($"Unknown store '{store}' in {Variable}."),
        };
        return JsonSerializer.Serialize(result);
    }
}
