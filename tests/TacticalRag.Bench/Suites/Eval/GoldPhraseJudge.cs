using System.Text.RegularExpressions;

namespace TacticalRag.Bench.Suites.Eval;

/// <summary>
/// Questions with gold phrases: a chunk is relevant when its text holds one of the question's phrases (case, spacing,
/// curly quotes and dashes aside), optionally only in a named file. The chunk is the unit.
/// </summary>
public sealed partial class GoldPhraseJudge(IReadOnlyDictionary<string, GoldPhraseJudge.Gold> goldByQuery) : IRelevanceJudge
{
    /// <summary>The phrases of one question and the file they must be in (null: any).</summary>
    public sealed record Gold(IReadOnlyList<string> Phrases, string? FileName);

    private readonly List<EvalChunk> _chunks = [];

    /// <summary>The indexed chunks the phrases are looked for in; set once the set is indexed.</summary>
    public void Index(IEnumerable<EvalChunk> chunks) => _chunks.AddRange(chunks);

    public string UnitOf(EvalChunk chunk) => chunk.ChunkId;

    public IReadOnlyDictionary<string, int> Relevant(EvalQuery query)
    {
        if (!goldByQuery.TryGetValue(query.Id, out var gold))
        {
            return new Dictionary<string, int>();
        }
        var phrases = gold.Phrases.Select(Normalize).Where(p => p.Length > 0).ToList();
        return _chunks
            .Where(c => gold.FileName is null || SameFile(c.FileName, gold.FileName))
            .Where(c => Normalize(c.Text) is var text && phrases.Any(p => text.Contains(p, StringComparison.Ordinal)))
            .ToDictionary(c => c.ChunkId, _ => 1, StringComparer.Ordinal);
    }

    private static bool SameFile(string fileName, string name) =>
        string.Equals(fileName, name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Path.GetFileNameWithoutExtension(fileName), name, StringComparison.OrdinalIgnoreCase);

    public static string Normalize(string text) =>
        Whitespace().Replace(text.Replace('’', '\'').Replace('‘', '\'').Replace('“', '"').Replace('”', '"')
            .Replace('–', '-').Replace('—', '-'), " ").Trim().ToLowerInvariant();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
