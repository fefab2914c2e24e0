using System.Globalization;
using System.Text;
using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;
using TacticalRag.Bench.Reporting;

namespace TacticalRag.Bench.Suites.Eval;

/// <summary>
/// Whether the prompt's passages hold the answer, for sets judged by chunk (long documents): the top chunks alone,
/// each widened with its neighbours in the document, and the plain top chunks at the widened prompt's size. It tells
/// whether expanding hits with their neighbours is worth the prompt space.
/// </summary>
public static class ContextStudy
{
    private static readonly int[] Passages = [4, 8];

    public static string Report(IReadOnlyList<SetResult> sets)
    {
        var chunkSets = sets.Where(s => s.UnitOf.All(u => u.Key == u.Value)).ToList();
        if (chunkSets.Count == 0)
        {
            return "";
        }
        var text = new StringBuilder("### Prompt context: share of questions whose passages hold a gold phrase\n\n");
        var table = new MarkdownTable("Set", "Top k", "top k", "top k ± 1 neighbour", "top 3k (same size)");
        foreach (var set in chunkSets)
        {
            foreach (var k in Passages)
            {
                double Share(Func<IReadOnlyList<string>, IEnumerable<string>> context) =>
                    set.Rankings.Average(r => context(Order(r)).Any(r.Relevant.ContainsKey) ? 1.0 : 0.0);
                table.Add(set.Set, k.ToString(CultureInfo.InvariantCulture),
                    F(Share(order => order.Take(k))),
                    F(Share(order => order.Take(k).SelectMany(WithNeighbours))),
                    F(Share(order => order.Take(3 * k))));
            }
        }
        text.AppendLine(table.ToString());
        return text.ToString();
    }

    /// <summary>The product's default order over the two rankings.</summary>
    private static IReadOnlyList<string> Order(QueryRankings r)
    {
        var defaults = new RetrievalOptions();
        var depth = defaults.CandidateDepth;
        return ScoreFusion.Fuse(
                [new(r.Keyword.Take(depth).ToList(), defaults.KeywordWeight, RankingKind.Keyword), new(r.Dense.Take(depth).ToList(), defaults.DenseWeight, RankingKind.Dense)],
                defaults.Fusion, depth, defaults.KeywordBoost, defaults.KeywordBoostThreshold)
            .Select(f => f.ChunkId).ToList();
    }

    /// <summary>A chunk and the chunks before and after it in its document (ids are document id + ordinal).</summary>
    private static IEnumerable<string> WithNeighbours(string chunkId)
    {
        var cut = chunkId.LastIndexOf('-');
        var (documentId, ordinal) = (chunkId[..cut], int.Parse(chunkId[(cut + 1)..], CultureInfo.InvariantCulture));
        return [DocumentChunk.MakeId(documentId, ordinal - 1), chunkId, DocumentChunk.MakeId(documentId, ordinal + 1)];
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
