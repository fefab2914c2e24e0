using TacticalRag.Bench.Report;
using TacticalRag.Bench.Suites;

namespace TacticalRag.Bench;

/// <summary>
/// Entry point: picks the suite named on the command line, prints its markdown report on stdout (progress and the
/// API's logs go to stderr) and optionally writes it to a file. Not top-level statements: that would declare a
/// second global <c>Program</c> and hide the API's, which <c>WebApplicationFactory&lt;Program&gt;</c> needs.
/// </summary>
internal static class BenchProgram
{
    private static readonly IBenchSuite[] Suites =
    [
        new GatewaySuite(),
        new RetrievalSuite(),
        new EvalSuite(),
        new IngestionSuite(),
        new IndexLoadSuite(),
        new YarpSuite(),
        new FaultCostSuite(),
        new LoadSuite(),
        new OpenAiSuite(),
        new HostileTextSuite(),
        new SignInSuite(),
        new AskSuite(),
        new FollowUpSuite(),
        new LiveSuite(),
        new ReportCommand(),
    ];

    public static async Task<int> Main(string[] args)
    {
        if (args is ["-h" or "--help" or "help", ..])
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }
        if (!BenchOptions.TryParse(args, out var options, out var error))
        {
            await Console.Error.WriteLineAsync($"{error}\n\n{BenchOptions.Usage}");
            return 2;
        }
        var suite = Suites.FirstOrDefault(s => s.Name == options.Suite);
        if (suite is null)
        {
            await Console.Error.WriteLineAsync($"Unknown suite '{options.Suite}'.\n\n{BenchOptions.Usage}");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // stop measuring, but let hosts and simulators shut down cleanly
            stop.Cancel();
        };
        string report;
        try
        {
            report = await suite.RunAsync(options, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C: the suite's servers and processes were disposed on the way out.
            await Console.Error.WriteLineAsync("Cancelled.");
            return 130;
        }
        catch (ArgumentException exception)
        {
            // A suite's own check of its options (for example live without any server address).
            await Console.Error.WriteLineAsync($"{exception.Message}\n\n{BenchOptions.Usage}");
            return 2;
        }
        Console.WriteLine(report);
        if (options.OutFile is { } path)
        {
            await File.WriteAllTextAsync(path, report, stop.Token);
            await Console.Error.WriteLineAsync($"Report written to {Path.GetFullPath(path)}");
        }
        return 0;
    }
}
