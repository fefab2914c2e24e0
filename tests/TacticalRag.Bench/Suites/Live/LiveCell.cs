namespace TacticalRag.Bench.Suites.Live;

/// <summary>The measured answers of one target at one concurrency, and the wall-clock span they took together.</summary>
public sealed record LiveCell(
    string Target, string Model, int Concurrency, IReadOnlyList<StreamedAnswer> Answers, int Errors, string? FirstError, TimeSpan Wall)
{
    /// <summary>The backend that wrote most answers: the target itself, or the gateway's choice.</summary>
    public string ServedBy => MostCommon(Answers.Select(answer => answer.ServedBy)) ?? Target;

    /// <summary>The model that wrote most answers, where the target says (the gateway); else the model asked for.</summary>
    public string ServedModel => MostCommon(Answers.Select(answer => answer.ServedModel)) ?? Model;

    public double AnswersPerMinute => Wall > TimeSpan.Zero ? Answers.Count / Wall.TotalMinutes : double.NaN;

    public double FirstTokenSeconds(double fraction) => Percentile(Answers.Select(a => a.FirstToken.TotalSeconds), fraction);

    public double AnswerSeconds(double fraction) => Percentile(Answers.Select(a => a.Whole.TotalSeconds), fraction);

    public double TokensPerSecond(double fraction) => Percentile(Answers.Select(a => a.TokensPerSecond).Where(rate => !double.IsNaN(rate)), fraction);

    public double MeanTokens => Answers.Count == 0 ? double.NaN : Answers.Average(answer => answer.Tokens);

    private static string? MostCommon(IEnumerable<string?> names) => names.OfType<string>()
        .GroupBy(name => name).OrderByDescending(group => group.Count()).Select(group => group.Key).FirstOrDefault();

    /// <summary>Nearest rank: always a value that was observed.</summary>
    private static double Percentile(IEnumerable<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? double.NaN
            : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
