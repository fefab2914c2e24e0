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
/// Keyword search: an in-memory Lucene index, BM25 scoring, each chunk analysed in its own language
/// (<see cref="KeywordAnalyzers"/>: a field per analysis, so a library holding several languages keeps each one's
/// statistics apart). A query is read by every analysis the library holds, one clause per field, so a question finds
/// its passages without trusting a guess at its own language. Writes are
/// visible to the next search (near-real-time reopen, done lazily by the first search after a write, so a bulk load
/// does not reopen once per chunk).
/// </summary>
internal sealed class Bm25Index : IDisposable
{
    private const LuceneVersion Version = KeywordAnalyzers.Version;
    private const string IdField = "id";
    private const string DocumentField = "doc";
    private static readonly ISet<string> IdOnly = new HashSet<string> { IdField };

    private readonly RAMDirectory _directory = new();
    /// <summary>
    /// The text fields written so far (a field, once written, stays searched: deletes do not shrink it), replaced whole
    /// when a field is new, so a search reads it without a lock or a copy.
    /// </summary>
    private volatile string[] _fields = [];
    private readonly System.Threading.Lock _fieldsLock = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly System.Threading.Lock _refreshLock = new();
    private long _writes;
    private long _refreshedAt;

    public Bm25Index()
    {
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, KeywordAnalyzers.PerField)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = 32,
        });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25SearcherFactory());
    }

    /// <summary>Adds passages of unknown language (read as English), replacing any already indexed under the same chunk id.</summary>
    public void AddOrReplace(IEnumerable<(string ChunkId, string DocumentId, string Text)> passages) =>
        AddOrReplace(passages.Select(p => (p.ChunkId, p.DocumentId, p.Text, (string?)null)));

    /// <summary>Adds passages, each analysed in its language (ISO 639-1; null: unknown), replacing any under the same chunk id.</summary>
    public void AddOrReplace(IEnumerable<(string ChunkId, string DocumentId, string Text, string? Language)> passages)
    {
        foreach (var (chunkId, documentId, text, language) in passages)
        {
            var field = KeywordAnalyzers.FieldOf(language);
            if (Array.IndexOf(_fields, field) < 0)
            {
                AddField(field);
            }
            var document = new LuceneDocument
            {
                new StringField(IdField, chunkId, Field.Store.YES),
                new StringField(DocumentField, documentId, Field.Store.NO),
                new TextField(field, text, Field.Store.NO),
            };
            _writer.UpdateDocument(new Term(IdField, chunkId), document);
        }
        Interlocked.Increment(ref _writes);
    }

    private void AddField(string field)
    {
        lock (_fieldsLock)
        {
            if (Array.IndexOf(_fields, field) < 0)
            {
                _fields = [.. _fields, field];
            }
        }
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
        _directory.Dispose();
    }

    /// <summary>The query read by each field's analysis, one clause per field the index holds (a chunk has one).</summary>
    private Query? ParseLiterally(string query)
    {
        // Lower case first, because the classic parser reads upper-case AND/OR/NOT as operators, which Escape leaves
        // alone; the analyzers lower-case anyway.
        var escaped = QueryParserBase.Escape(query.ToLowerInvariant());
        var fields = _fields is { Length: > 0 } written ? written : [KeywordAnalyzers.DefaultField];
        var clauses = new List<Query>(fields.Length);
        foreach (var field in fields)
        {
            if (ParseField(field, escaped) is { } parsed)
            {
                clauses.Add(parsed);
            }
        }
        if (clauses.Count <= 1)
        {
            return clauses.FirstOrDefault();
        }
        var combined = new BooleanQuery();
        foreach (var clause in clauses)
        {
            combined.Add(clause, Occur.SHOULD);
        }
        return combined;
    }

    private static Query? ParseField(string field, string escaped)
    {
        // Parsers are cheap and not thread-safe: one per field and search.
        var parser = new QueryParser(Version, field, KeywordAnalyzers.OfField(field)) { DefaultOperator = Operator.OR };
        try
        {
            var parsed = parser.Parse(escaped);
            // Only stop words (or nothing) left after analysis.
            return parsed is null or BooleanQuery { Clauses.Count: 0 } ? null : parsed;
        }
        catch (ParseException)
        {
            return null;
        }
        catch (BooleanQuery.TooManyClausesException)
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
