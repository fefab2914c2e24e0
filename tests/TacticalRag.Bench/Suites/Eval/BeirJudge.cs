namespace TacticalRag.Bench.Suites.Eval;

/// <summary>BEIR qrels: a passage (one uploaded file) is the unit; grades as judged, 0 meaning judged not relevant.</summary>
public sealed class BeirJudge(IReadOnlyDictionary<string, string> corpusIdByFile, IReadOnlyDictionary<string, Dictionary<string, int>> qrels) : IRelevanceJudge
{
    public string UnitOf(EvalChunk chunk) => corpusIdByFile.GetValueOrDefault(chunk.FileName, chunk.FileName);

    public IReadOnlyDictionary<string, int> Relevant(EvalQuery query) =>
        qrels.TryGetValue(query.Id, out var grades)
            ? grades.Where(g => g.Value > 0).ToDictionary(g => g.Key, g => g.Value, StringComparer.Ordinal)
            : new Dictionary<string, int>();
}
