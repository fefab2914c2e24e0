using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TacticalRag.Bench.Suites.Eval;

/// <summary>
/// Reads an evaluation folder in one of two formats:
/// <list type="bullet">
/// <item>BEIR: <c>corpus.jsonl</c> (<c>_id</c>, <c>title</c>, <c>text</c>), <c>queries.jsonl</c> (<c>_id</c>, <c>text</c>),
/// <c>qrels/test.tsv</c> (query id, corpus id, grade; a header line or none). Each passage becomes one <c>.txt</c> upload.</item>
/// <item>Documents with questions: the folder's documents, and <c>questions.json</c> (or <c>eval/questions.json</c>): an
/// array of <c>{"q" | "question", "gold": [phrases] | "evidence": phrase, "document"?: file name, "id"?}</c>; a chunk
/// holding one of a question's phrases (in its document, when named) is relevant.</item>
/// </list>
/// </summary>
public static class EvalSetLoader
{
    private static readonly string[] QuestionFiles = ["questions.json", Path.Combine("eval", "questions.json")];

    public static async Task<EvalSet> LoadAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"No evaluation folder at {folder}.");
        }
        var name = new DirectoryInfo(folder).Name;
        if (File.Exists(Path.Combine(folder, "corpus.jsonl")))
        {
            return await LoadBeirAsync(folder, name, cancellationToken);
        }
        var questions = QuestionFiles.Select(f => Path.Combine(folder, f)).FirstOrDefault(File.Exists)
            ?? throw new InvalidDataException($"{folder} holds neither corpus.jsonl (BEIR) nor questions.json.");
        return await LoadDocumentsAsync(folder, name, questions, cancellationToken);
    }

    private static async Task<EvalSet> LoadBeirAsync(string folder, string name, CancellationToken cancellationToken)
    {
        var files = new List<EvalFile>();
        var corpusIdByFile = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var passage in ReadJsonLinesAsync(Path.Combine(folder, "corpus.jsonl"), cancellationToken))
        {
            var id = passage.GetProperty("_id").GetString()!;
            var title = passage.TryGetProperty("title", out var t) ? t.GetString() : null;
            var text = passage.GetProperty("text").GetString() ?? "";
            var fileName = SafeFileName(id) + ".txt";
            corpusIdByFile[fileName] = id;
            files.Add(new EvalFile(fileName, Encoding.UTF8.GetBytes(string.IsNullOrWhiteSpace(title) ? text : $"{title}\n\n{text}")));
        }
        var queries = new List<EvalQuery>();
        await foreach (var query in ReadJsonLinesAsync(Path.Combine(folder, "queries.jsonl"), cancellationToken))
        {
            queries.Add(new EvalQuery(query.GetProperty("_id").GetString()!, query.GetProperty("text").GetString()!));
        }
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(folder, "qrels", "test.tsv"), cancellationToken))
        {
            var cells = line.Split('\t');
            if (cells.Length >= 3 && int.TryParse(cells[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var grade))
            {
                var (queryId, corpusId) = (cells[0], cells[^2]);
                (qrels.TryGetValue(queryId, out var grades) ? grades : qrels[queryId] = new(StringComparer.Ordinal))[corpusId] = grade;
            }
        }
        return new EvalSet(name, "BEIR", files, queries, new BeirJudge(corpusIdByFile, qrels));
    }

    private static async Task<EvalSet> LoadDocumentsAsync(string folder, string name, string questionsPath, CancellationToken cancellationToken)
    {
        var files = new List<EvalFile>();
        foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            if (!string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(Path.GetFileName(path), "README.md", StringComparison.OrdinalIgnoreCase))
            {
                files.Add(new EvalFile(Path.GetFileName(path), await File.ReadAllBytesAsync(path, cancellationToken)));
            }
        }
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(questionsPath, cancellationToken));
        var queries = new List<EvalQuery>();
        var gold = new Dictionary<string, GoldPhraseJudge.Gold>(StringComparer.Ordinal);
        foreach (var item in json.RootElement.EnumerateArray())
        {
            var id = item.TryGetProperty("id", out var i) ? i.GetString()! : $"q{queries.Count + 1:D3}";
            var text = (item.TryGetProperty("q", out var q) ? q : item.GetProperty("question")).GetString()!;
            IReadOnlyList<string> phrases = item.TryGetProperty("gold", out var g)
                ? g.EnumerateArray().Select(p => p.GetString()!).ToList()
                : [item.GetProperty("evidence").GetString()!];
            var document = item.TryGetProperty("document", out var d) ? d.GetString() : null;
            queries.Add(new EvalQuery(id, text));
            gold[id] = new GoldPhraseJudge.Gold(phrases, document);
        }
        return new EvalSet(name, "documents + questions", files, queries, new GoldPhraseJudge(gold));
    }

    private static async IAsyncEnumerable<JsonElement> ReadJsonLinesAsync(
        string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return JsonDocument.Parse(line).RootElement.Clone();
            }
        }
    }

    private static string SafeFileName(string id) =>
        new string(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('_', '.');
}
