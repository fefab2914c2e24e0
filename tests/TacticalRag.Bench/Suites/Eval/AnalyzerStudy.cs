using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using TacticalRag.Api.Retrieval;
using TacticalRag.Bench.Reporting;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace TacticalRag.Bench.Suites.Eval;

/// <summary>
/// Keyword analysis compared per language: each set's chunks indexed alone with each candidate analyzer (BM25, the
/// chunk text only), its questions searched, nDCG@10 of the BM25 ranking. The candidates are today's English analysis,
/// plain Unicode words, the analysis <see cref="KeywordAnalyzers"/> picks for the set's main language, and for
/// Chinese and Japanese the word segmenters besides bigrams.
/// </summary>
public static class AnalyzerStudy
{
    private const int Depth = 50;

    public static string Report(IReadOnlyList<SetResult> sets)
    {
        var text = new StringBuilder();
        text.AppendLine("### Keyword analysis per language (BM25 alone on each set's chunk texts, nDCG@10)");
        text.AppendLine();
        var table = new MarkdownTable("Set", "Main language", "Analyzer", "nDCG@10", "MRR@10");
        foreach (var set in sets)
        {
            var language = set.ChunkLanguages.OrderByDescending(c => c.Value).First().Key;
            foreach (var (name, analyzer) in Candidates(language == "?" ? null : language))
            {
                var (ndcg, mrr) = Score(set, analyzer);
                table.Add(set.Set, language, name, F(ndcg), F(mrr));
            }
        }
        text.AppendLine(table.ToString());
        return text.ToString();
    }

    private static IEnumerable<(string Name, Analyzer Analyzer)> Candidates(string? language)
    {
        yield return ("English (before)", KeywordAnalyzers.For("en"));
        yield return ("Unicode words, no stemming", KeywordAnalyzers.OfField(KeywordAnalyzers.GenericField));
        if (language is not null and not "en")
        {
            yield return ($"chosen for {language}: {KeywordAnalyzers.For(language).GetType().Name}", KeywordAnalyzers.For(language));
        }
        if (language is "zh" or "ja")
        {
            yield return ("SmartCn word segmentation", new Lucene.Net.Analysis.Cn.Smart.SmartChineseAnalyzer(KeywordAnalyzers.Version));
            yield return ("ICU word segmentation", KeywordAnalyzers.For("km"));
        }
    }

    private static (double Ndcg, double Mrr) Score(SetResult set, Analyzer analyzer)
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(KeywordAnalyzers.Version, analyzer) { Similarity = new BM25Similarity() }))
        {
            foreach (var chunk in set.IndexedChunks.Values)
            {
                writer.AddDocument(new LuceneDocument
                {
                    new StringField("id", chunk.ChunkId, Field.Store.YES),
                    new TextField("text", chunk.Text, Field.Store.NO),
                });
            }
        }
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var scores = new List<RankingScores>();
        foreach (var rankings in set.Rankings)
        {
            List<string> units = [];
            try
            {
                var query = new QueryParser(KeywordAnalyzers.Version, "text", analyzer) { DefaultOperator = Operator.OR }
                    .Parse(QueryParserBase.Escape(rankings.Query.Text.ToLowerInvariant()));
                units = searcher.Search(query, Depth).ScoreDocs
                    .Select(hit => set.UnitOf[searcher.Doc(hit.Doc).Get("id")]).Distinct(StringComparer.Ordinal).ToList();
            }
            catch (ParseException)
            {
                // Nothing but stop words: no ranking.
            }
            scores.Add(RankingMetrics.Score(units, rankings.Relevant));
        }
        var mean = RankingScores.Mean(scores);
        return (mean.NdcgAt10, mean.MrrAt10);
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
