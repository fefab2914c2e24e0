namespace TacticalRag.Bench.Suites.Eval;

/// <summary>A file of an evaluation set, as a user would upload it.</summary>
public sealed record EvalFile(string FileName, byte[] Bytes);

/// <summary>A question of an evaluation set.</summary>
public sealed record EvalQuery(string Id, string Text);

/// <summary>
/// One labelled evaluation set: the files to ingest, the questions, and the judge that says which retrieved units
/// (a whole passage for BEIR sets, a chunk for long documents) are relevant to a question, and how much.
/// </summary>
public sealed record EvalSet(string Name, string Format, IReadOnlyList<EvalFile> Files, IReadOnlyList<EvalQuery> Queries, IRelevanceJudge Judge);

/// <summary>A chunk as the evaluation sees it once indexed: its document's file name, its text and its detected language.</summary>
public sealed record EvalChunk(string ChunkId, string FileName, string Text, string? Language = null);

/// <summary>Grades what a retrieval returned: which unit a chunk belongs to and the graded relevant units of a question.</summary>
public interface IRelevanceJudge
{
    /// <summary>The unit scored for a chunk: results are deduplicated by unit before scoring.</summary>
    string UnitOf(EvalChunk chunk);

    /// <summary>Relevant units of a question with their grades (above 0); empty when the question cannot be scored.</summary>
    IReadOnlyDictionary<string, int> Relevant(EvalQuery query);
}
