using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Keyword search: an in-memory Lucene index, English analysis (stemming, stop words), BM25 scoring. Writes are
/// visible to the next search (near-real-time reopen, done lazily by the first search after a write, so a bulk load
/// does not reopen once per chunk).
/// </summary>
public sealed class Bm25Index : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string IdField = "id";
    private const string DocumentField = "doc";
    private const string TextField = "text";
    private static readonly ISet<string> IdOnly = new HashSet<string> { IdField };

    private readonly RAMDirectory _directory = new();
    private readonly Analyzer _analyzer = new EnglishAnalyzer(Version);
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly System.Threading.Lock _refreshLock = new();
    private long _writes;
    private long _refreshedAt;

    public Bm25Index()
    {
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = 32,
        });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25SearcherFactory());
    }

    /// <summary>Adds passages, replacing any already indexed under the same chunk id.</summary>
    public void AddOrReplace(IEnumerable<(string ChunkId, string DocumentId, string Text)> passages)
    {
        foreach (var (chunkId, documentId, text) in passages)
        {
            var document = new LuceneDocument
            {
                new StringField(IdField, chunkId, Field.Store.YES),
                new StringField(DocumentField, documentId, Field.Store.NO),
                new TextField(TextField, text, Field.Store.NO),
            };
            _writer.UpdateDocument(new Term(IdField, chunkId), document);
        }
        Interlocked.Increment(ref _writes);
    }

    public void RemoveDocument(string documentId)
    {
        _writer.DeleteDocuments(new Term(DocumentField, documentId));
        Interlocked.Increment(ref _writes);
    }

    /// <summary>
    /// The best <paramref name="limit"/> passages for any of the query's terms (OR). The text is taken literally:
    /// query syntax (<c>? : " ( ) AND NOT</c> ...) is escaped, not interpreted.
    /// </summary>
    public IReadOnlyList<ScoredChunk> Search(string query, int limit)
    {
        if (limit <= 0 || ParseLiterally(query) is not { } parsed)
        {
            return [];
        }
        RefreshIfWritten();
        var searcher = _searchers.Acquire();
        try
        {
            var hits = searcher.Search(parsed, limit).ScoreDocs;
            var results = new ScoredChunk[hits.Length];
            for (var i = 0; i < hits.Length; i++)
            {
                results[i] = new ScoredChunk(searcher.Doc(hits[i].Doc, IdOnly).Get(IdField), hits[i].Score);
            }
            return results;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    private Query? ParseLiterally(string query)
    {
        // Parsers are cheap and not thread-safe: one per search. Lower case first, because the classic parser reads
        // upper-case AND/OR/NOT as operators, which Escape leaves alone; the analyzer lower-cases anyway.
        var parser = new QueryParser(Version, TextField, _analyzer) { DefaultOperator = Operator.OR };
        try
        {
            var parsed = parser.Parse(QueryParserBase.Escape(query.ToLowerInvariant()));
            // Only stop words (or nothing) left after analysis.
            return parsed is null or BooleanQuery { Clauses.Count: 0 } ? null : parsed;
        }
        catch (ParseException)
        {
            return null;
        }
    }

    private void RefreshIfWritten()
    {
        var writes = Interlocked.Read(ref _writes);
        if (Interlocked.Read(ref _refreshedAt) >= writes)
        {
            return;
        }
        lock (_refreshLock)
        {
            writes = Interlocked.Read(ref _writes);
            if (_refreshedAt < writes)
            {
                _searchers.MaybeRefreshBlocking();
                Interlocked.Exchange(ref _refreshedAt, writes);
            }
        }
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
