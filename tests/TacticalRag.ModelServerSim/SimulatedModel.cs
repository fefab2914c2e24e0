using System.Text.RegularExpressions;

namespace TacticalRag.ModelServerSim;

/// <summary>The simulator's "model": answers that are deterministic so tests can assert on them.</summary>
internal static partial class SimulatedModel
{
    public const int EchoWords = 12;

    /// <summary>
    /// <c>Simulated answer from &lt;model&gt;: &lt;first 12 words of the prompt&gt;</c>, as word tokens: each token after
    /// the first carries its leading space, so the tokens concatenate back to the text.
    /// </summary>
    /// <remarks>
    /// A grounded prompt (numbered <c>&lt;source id="n"&gt;</c> blocks and a closing <c>Question:</c> line) is answered
    /// like a well-behaved model would: the question is echoed and the first source is cited as <c>[n]</c>.
    /// </remarks>
    public static IReadOnlyList<string> AnswerTokens(string model, string prompt)
    {
        var words = new List<string> { "Simulated", "answer", "from", model + ":" };
        var questionAt = prompt.LastIndexOf(QuestionMarker, StringComparison.Ordinal);
        var echoed = questionAt >= 0 ? prompt[(questionAt + QuestionMarker.Length)..] : prompt;
        words.AddRange(Words(echoed).Take(EchoWords));
        if (FirstSource().Match(prompt) is { Success: true } source)
        {
            words.Add($"[{source.Groups[1].Value}]");
        }
        return words.Select((word, index) => index == 0 ? word : " " + word).ToList();
    }

    private const string QuestionMarker = "Question:";

    [GeneratedRegex("<source id=\"(\\d+)\"")]
    private static partial Regex FirstSource();

    /// <summary>Word count as a stand-in for a tokenizer: stable, and close enough for usage numbers.</summary>
    public static int CountTokens(string text) => Math.Max(1, Words(text).Length);

    private static string[] Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
