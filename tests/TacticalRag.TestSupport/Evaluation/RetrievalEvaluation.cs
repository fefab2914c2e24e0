using System.Text.Json;
using System.Text.RegularExpressions;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.TestSupport.Evaluation;

/// <summary>
/// Runs a question set against an index in each retrieval mode and scores where the gold passage ranks: hit@5 (in
/// the top five) and MRR@10 (mean of 1/rank, 0 beyond ten).
/// </summary>
public sealed partial class RetrievalEvaluation(HybridRetriever retriever)
{
    public const int HitDepth = 5;
    public const int RankDepth = 10;

    public static readonly RetrievalMode[] AllModes = [RetrievalMode.Keyword, RetrievalMode.Dense, RetrievalMode.Hybrid];

    public static async Task<IReadOnlyList<EvaluationQuestion>> LoadQuestionsAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<List<EvaluationQuestion>>(file, JsonSerializerOptions.Web, cancellationToken)
            ?? throw new InvalidDataException($"{path} holds no questions.");
    }

    public async Task<EvaluationReport> RunAsync(
        IReadOnlyList<EvaluationQuestion> questions, IReadOnlyList<EvaluatedDocument> documents,
        IReadOnlyList<RetrievalMode> modes, CancellationToken cancellationToken)
    {
        var outcomes = new List<QuestionOutcome>();
        var unresolved = new List<string>();
        foreach (var question in questions)
        {
            var gold = GoldChunkIds(question, documents);
            if (gold.Count == 0)
            {
                unresolved.Add(question.Id);
                continue;
            }
            foreach (var mode in modes)
            {
                var result = await retriever.RetrieveAsync(question.Question, RankDepth, cancellationToken, mode);
                var index = result.Results.ToList().FindIndex(r => gold.Contains(r.ChunkId));
                outcomes.Add(new QuestionOutcome(question.Id, question.Kind, mode, index < 0 ? null : index + 1));
            }
        }
        var scores = modes.Select(mode => Score(mode, outcomes.Where(o => o.Mode == mode).ToList())).ToList();
        return new EvaluationReport(scores, outcomes, unresolved);
    }

    /// <summary>Chunks of the question's document whose text holds the evidence (spacing, case and quotes aside).</summary>
    public static HashSet<string> GoldChunkIds(EvaluationQuestion question, IReadOnlyList<EvaluatedDocument> documents)
    {
        var evidence = Normalize(question.Evidence);
        return documents
            .Where(d => Matches(d, question.Document))
            .SelectMany(d => d.Chunks)
            .Where(c => Normalize(c.Text).Contains(evidence, StringComparison.Ordinal))
            .Select(c => c.Id)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static bool Matches(EvaluatedDocument document, string name) =>
        string.Equals(document.FileName, name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Path.GetFileNameWithoutExtension(document.FileName), name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(document.DocumentId, name, StringComparison.OrdinalIgnoreCase);

    private static ModeScore Score(RetrievalMode mode, IReadOnlyList<QuestionOutcome> outcomes) => new(
        mode,
        outcomes.Count,
        outcomes.Count == 0 ? 0 : outcomes.Count(o => o.GoldRank <= HitDepth) / (double)outcomes.Count,
        outcomes.Count == 0 ? 0 : outcomes.Sum(o => o.GoldRank is { } rank && rank <= RankDepth ? 1.0 / rank : 0) / outcomes.Count);

    private static string Normalize(string text) =>
        Whitespace().Replace(text.Replace('’', '\'').Replace('‘', '\'').Replace('“', '"').Replace('”', '"')
            .Replace('–', '-').Replace('—', '-'), " ").Trim().ToLowerInvariant();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
