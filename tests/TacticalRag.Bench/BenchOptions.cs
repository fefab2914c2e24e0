using System.Globalization;

namespace TacticalRag.Bench;

/// <summary>The command line: a suite name, then <c>--name value</c> options shared by the suites.</summary>
public sealed record BenchOptions(
    string Suite,
    TimeSpan Duration,
    TimeSpan Warmup,
    TimeSpan FailoverDuration,
    int FailoverSamples,
    int HangSamples,
    TimeSpan? FirstTokenTimeout,
    string? OutFile)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project tests/TacticalRag.Bench -- <suite> [options]

        Suites:
          gateway                    gateway overhead vs the model server, and the cost of failing over

        Options:
          --duration <s>             measured seconds per load run (default 10)
          --warmup <s>               unrecorded seconds before each load run (default 2; failover runs take at most 1)
          --failover-duration <s>    measured seconds per steady-state failover run (default 3)
          --failover-samples <n>     first-request-after-vLLM-goes-away samples (default 20)
          --hang-samples <n>         requests against a hanging vLLM, one after another (default 5)
          --first-token-timeout <s>  the gateway's Llm:FirstTokenTimeout for the hang case (default: the product's 10 s)
          --out <file.md>            also write the report to this file
        """;

    public static bool TryParse(string[] args, out BenchOptions options, out string error)
    {
        options = new BenchOptions("", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), 20, 5, null, null);
        error = "";
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            error = "Name a suite first.";
            return false;
        }
        options = options with { Suite = args[0] };
        for (var i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                error = $"{args[i]} needs a value.";
                return false;
            }
            var value = args[i + 1];
            BenchOptions? next = args[i] switch
            {
                "--duration" when Seconds(value) is { } s => options with { Duration = s },
                "--warmup" when Seconds(value) is { } s => options with { Warmup = s },
                "--failover-duration" when Seconds(value) is { } s => options with { FailoverDuration = s },
                "--failover-samples" when Positive(value) is { } n => options with { FailoverSamples = n },
                "--hang-samples" when Positive(value) is { } n => options with { HangSamples = n },
                "--first-token-timeout" when Seconds(value) is { } s => options with { FirstTokenTimeout = s },
                "--out" => options with { OutFile = value },
                _ => null,
            };
            if (next is null)
            {
                error = $"Unknown option or bad value: {args[i]} {value}";
                return false;
            }
            options = next;
        }
        return true;
    }

    private static TimeSpan? Seconds(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static int? Positive(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
