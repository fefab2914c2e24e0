namespace TacticalRag.Bench.Reporting;

/// <summary>Progress lines on stderr, so a long run shows signs of life without mixing into the report on stdout.</summary>
public static class Progress
{
    public static void Step(string message) => Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {message}");
}
