namespace TacticalRag.Bench;

/// <summary>One benchmark suite: runs its measurements and returns a markdown report. Progress goes to stderr.</summary>
public interface IBenchSuite
{
    string Name { get; }

    Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken);
}
