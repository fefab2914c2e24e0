using System.Text.Json;
using System.Text.RegularExpressions;
using TacticalRag.Api.Answering;
using TacticalRag.Api.Prompting;

namespace TacticalRag.Bench.Suites.Live;

/// <summary>One benchmark prompt: a question from <c>samples/eval</c> and the grounded prompt the product would send for it.</summary>
public sealed record RagPrompt(string Id, string Question, string Text);

/// <summary>
/// A fixed set of RAG prompts built from <c>samples/</c> the same way on every machine, so figures compare: questions
/// of the evaluation set about the plain-text documents (Markdown and text, read without the product's parsers),
/// taken round-robin over those documents; for each, the passage holding its evidence and the three passages after
/// it (paragraphs gathered to about 120 words) as four numbered sources, in the product's own grounded prompt
/// (<see cref="GroundedPrompt"/>) with its system rules first. About 600-750 words in (roughly 800-1,000 tokens), like an answer from the library.
/// </summary>
public static partial class RagPromptSet
{
    private const int SourcesPerPrompt = 4;
    private const int PassageWords = 120;
    private static readonly string[] PlainTextExtensions = [".md", ".txt"];

    public static IReadOnlyList<RagPrompt> Build(string samplesFolder, int count = 8)
    {
        var questionsPath = Path.Combine(samplesFolder, "eval", "questions.json");
        if (!File.Exists(questionsPath))
        {
            throw new FileNotFoundException($"The live suite builds its prompts from samples/; {questionsPath} is missing.", questionsPath);
        }
        using var questions = JsonDocument.Parse(File.ReadAllText(questionsPath));
        var byDocument = questions.RootElement.EnumerateArray()
            .Select(q => (Id: q.GetProperty("id").GetString()!, Question: q.GetProperty("question").GetString()!,
                Document: q.GetProperty("document").GetString()!, Evidence: q.GetProperty("evidence").GetString()!))
            .Where(q => PlainTextExtensions.Contains(Path.GetExtension(q.Document), StringComparer.OrdinalIgnoreCase))
            .GroupBy(q => q.Document)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new Queue<(string Id, string Question, string Document, string Evidence)>(group))
            .ToList();

        var prompts = new List<RagPrompt>();
        var passages = new Dictionary<string, IReadOnlyList<string>>();
        while (prompts.Count < count && byDocument.Any(queue => queue.Count > 0))
        {
            foreach (var queue in byDocument.Where(queue => queue.Count > 0))
            {
                var question = queue.Dequeue();
                if (!passages.TryGetValue(question.Document, out var documentPassages))
                {
                    documentPassages = Passages(File.ReadAllText(Path.Combine(samplesFolder, question.Document)));
                    passages[question.Document] = documentPassages;
                }
                var at = documentPassages.ToList().FindIndex(passage => Normalize(passage).Contains(Normalize(question.Evidence), StringComparison.OrdinalIgnoreCase));
                if (at < 0 || prompts.Count >= count)
                {
                    continue; // evidence split across passages or written with markup: not a clean prompt
                }
                var sources = Enumerable.Range(0, Math.Min(SourcesPerPrompt, documentPassages.Count))
                    .Select(offset => documentPassages[(at + offset) % documentPassages.Count])
                    .Select((text, index) => new Citation(index + 1, question.Document, question.Document, $"{question.Document}#{index}", text, Section: null, Page: null))
                    .ToList();
                var messages = GroundedPrompt.Build(question.Question, sources);
                prompts.Add(new RagPrompt(question.Id, question.Question, string.Join("\n\n", messages.Select(message => message.Text))));
            }
        }
        if (prompts.Count == 0)
        {
            throw new InvalidOperationException($"No question in {questionsPath} has its evidence in a Markdown or text document.");
        }
        return prompts;
    }

    /// <summary>Paragraphs (blank-line separated) gathered until a passage holds about <see cref="PassageWords"/> words.</summary>
    private static IReadOnlyList<string> Passages(string text)
    {
        var passages = new List<string>();
        var current = new List<string>();
        var words = 0;
        foreach (var paragraph in BlankLines().Split(text).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            current.Add(paragraph);
            words += paragraph.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            if (words >= PassageWords)
            {
                passages.Add(string.Join("\n\n", current));
                current.Clear();
                words = 0;
            }
        }
        if (current.Count > 0)
        {
            passages.Add(string.Join("\n\n", current));
        }
        return passages;
    }

    private static string Normalize(string text) => Whitespace().Replace(text, " ");

    [GeneratedRegex(@"\r?\n\s*\r?\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
