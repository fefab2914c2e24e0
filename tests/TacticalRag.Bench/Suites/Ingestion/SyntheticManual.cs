using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TacticalRag.Bench.Suites.Ingestion;

/// <summary>
/// A large Markdown document of real English: sentences drawn at random from the sample library's text files, in
/// chapters of paragraphs, every paragraph numbered with a run token. The token makes each run's text (and so each
/// chunk's embedding text) new, so no embedding cache, in Redis or in memory, can answer for the model.
/// </summary>
public sealed partial class SyntheticManual
{
    private const int MinWordsPerSentence = 5;
    private readonly string[] _sentences;

    private SyntheticManual(string[] sentences) => _sentences = sentences;

    /// <summary>Sentences of the .txt and .md files directly in the samples folder.</summary>
    public static SyntheticManual FromSamples(string samplesFolder)
    {
        var sentences = Directory.EnumerateFiles(samplesFolder)
            .Where(path => Path.GetExtension(path) is ".txt" or ".md")
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !"#|-*=>".Contains(line[0], StringComparison.Ordinal))
            .SelectMany(line => SentenceBreak().Split(line))
            .Where(sentence => sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= MinWordsPerSentence)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return sentences.Length >= 50
            ? new SyntheticManual(sentences)
            : throw new InvalidOperationException($"Only {sentences.Length} sentences in {samplesFolder}'s .txt and .md files; need 50.");
    }

    /// <summary>A new run token: eight hex digits.</summary>
    public static string NewToken() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..8];

    /// <summary>The document's Markdown, about <paramref name="words"/> words long, deterministic for a token and sequence.</summary>
    public byte[] Write(string token, int words, int sequence)
    {
        var random = new Random(sequence);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Field Manual FM-{token}: Consolidated Company Procedures\n\n");
        var written = 0;
        var paragraph = 0;
        for (var chapter = 1; written < words; chapter++)
        {
            var heading = string.Join(' ', Pick(random).Split(' ').Take(random.Next(3, 7))).TrimEnd('.', ',', ':', ';');
            text.Append(CultureInfo.InvariantCulture, $"## Chapter {chapter}: {heading}\n\n");
            var paragraphs = random.Next(8, 15);
            for (var p = 0; p < paragraphs && written < words; p++)
            {
                text.Append(CultureInfo.InvariantCulture, $"Record {token}-{++paragraph:D4}.");
                var sentences = random.Next(3, 7);
                for (var s = 0; s < sentences; s++)
                {
                    var sentence = Pick(random);
                    text.Append(' ').Append(sentence);
                    written += sentence.Count(c => c == ' ') + 1;
                }
                text.Append("\n\n");
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private string Pick(Random random) => _sentences[random.Next(_sentences.Length)];

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z0-9])")]
    private static partial Regex SentenceBreak();
}
