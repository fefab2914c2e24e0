using TacticalRag.Api.Retrieval;

namespace TacticalRag.TestSupport.Evaluation;

/// <summary>
/// One question of <c>samples/eval/questions.json</c>: its gold passages are the chunks of <see cref="Document"/>
/// (a file name) whose text contains <see cref="Evidence"/>.
/// </summary>
public sealed record EvaluationQuestion(string Id, string Question, string Document, string Evidence, string Kind);

/// <summary>A file of the evaluated library as it was indexed.</summary>
public sealed record EvaluatedDocument(string DocumentId, string FileName, string Title, IReadOnlyList<TacticalRag.Api.Library.DocumentChunk> Chunks);

/// <summary>Where one question's first gold passage ranked in one mode (null: not in the top 10).</summary>
public sealed record QuestionOutcome(string QuestionId, string Kind, RetrievalMode Mode, int? GoldRank);

/// <summary>hit@5 and MRR@10 of one retrieval mode over the question set.</summary>
public sealed record ModeScore(RetrievalMode Mode, int Questions, double HitAt5, double MrrAt10);

/// <summary>Scores per mode, every question's outcome, and questions whose evidence no chunk contains.</summary>
public sealed record EvaluationReport(
    IReadOnlyList<ModeScore> Scores, IReadOnlyList<QuestionOutcome> Outcomes, IReadOnlyList<string> UnresolvedQuestions)
{
    public ModeScore this[RetrievalMode mode] => Scores.Single(s => s.Mode == mode);
}
