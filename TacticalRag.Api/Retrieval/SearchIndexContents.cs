using System.Collections.Concurrent;
using System.Collections.Frozen;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// What a <see cref="SearchIndex"/> holds at one time: chunks, BM25 over their text, their vectors. Writes are made
/// under the owning index's lock; searches read without one.
/// </summary>
internal sealed class SearchIndexContents(int dimensions) : IDisposable
{
    private readonly ConcurrentDictionary<string, IndexedChunk> _chunks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _chunkIdsByDocument = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _withVector = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _chunksByLanguage = new(StringComparer.Ordinal);
    private volatile LibraryLanguages _languages = LibraryLanguages.Empty;

    public Bm25Index Keywords { get; } = new();

    public VectorIndex Vectors { get; } = new(dimensions);

    public int Count => _chunks.Count;

    public IReadOnlyCollection<string> DocumentIds => _chunkIdsByDocument.Keys;

    public void AddRange(IReadOnlyCollection<IndexedChunk> batch)
    {
        foreach (var chunk in batch)
        {
            // The vector lives in the vector index only; keeping it here too would double its memory.
            if (_chunks.TryGetValue(chunk.Chunk.Id, out var replaced))
            {
                CountLanguage(replaced.Chunk.Language, -1);
            }
            _chunks[chunk.Chunk.Id] = chunk with { Vector = null };
            CountLanguage(chunk.Chunk.Language, +1);
            ChunkIdsOf(chunk.Chunk.DocumentId, create: true)!.Add(chunk.Chunk.Id);
        }
        Keywords.AddOrReplace(batch.Select(c => (c.Chunk.Id, c.Chunk.DocumentId, KeywordText(c), c.Chunk.Language)));
        foreach (var chunk in batch.Where(c => c.Vector is not null))
        {
            _withVector[chunk.Chunk.Id] = 0;
        }
        Vectors.UpsertMany(batch
            .Where(c => c.Vector is not null)
            .GroupBy(c => c.Chunk.DocumentId, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<(string, float[])>)g.Select(c => (c.Chunk.Id, c.Vector!)).ToList())));
        _languages = CountedLanguages();
    }

    public int SetVectors(string documentId, IReadOnlyList<ChunkVector> vectors)
    {
        if (ChunkIdsOf(documentId, create: false) is not { } known)
        {
            return 0;
        }
        var accepted = vectors.Where(v => known.Contains(v.ChunkId)).Select(v => (v.ChunkId, v.Vector)).ToList();
        Vectors.Upsert(documentId, accepted);
        foreach (var (chunkId, _) in accepted)
        {
            _withVector[chunkId] = 0;
        }
        return accepted.Count;
    }

    public bool RemoveDocument(string documentId)
    {
        if (!_chunkIdsByDocument.Remove(documentId, out var chunkIds))
        {
            return false;
        }
        Keywords.RemoveDocument(documentId);
        Vectors.RemoveDocument(documentId);
        foreach (var chunkId in chunkIds)
        {
            if (_chunks.TryRemove(chunkId, out var removed))
            {
                CountLanguage(removed.Chunk.Language, -1);
            }
            _withVector.TryRemove(chunkId, out _);
        }
        _languages = CountedLanguages();
        return true;
    }

    /// <summary>
    /// Chunks per language, read without a lock on every search: a snapshot taken once per write (a batch of chunks
    /// or a document's removal), so a search reads the library's languages without counting or copying them.
    /// </summary>
    public LibraryLanguages Languages => _languages;

    /// <summary>Under the owning index's write lock.</summary>
    private void CountLanguage(string? language, int change)
    {
        if (language is not null)
        {
            _chunksByLanguage[language] = _chunksByLanguage.GetValueOrDefault(language) + change;
        }
    }

    private LibraryLanguages CountedLanguages() => new(
        _chunksByLanguage.Where(l => l.Value > 0).ToFrozenDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal), _chunks.Count);

    public bool ContainsDocument(string documentId) => _chunkIdsByDocument.ContainsKey(documentId);

    public IndexedChunk? GetChunk(string chunkId) => _chunks.GetValueOrDefault(chunkId);

    /// <summary>Whether the chunk has its vector yet; read without a lock, on every search.</summary>
    public bool HasVector(string chunkId) => _withVector.ContainsKey(chunkId);

    public void Dispose() => Keywords.Dispose();

    /// <summary>The title and section heading are searchable too: questions often name the manual or the procedure.</summary>
    private static string KeywordText(IndexedChunk chunk) =>
        string.Join('\n', chunk.Title, chunk.Chunk.Section ?? "", chunk.Chunk.Text);

    private HashSet<string>? ChunkIdsOf(string documentId, bool create)
    {
        if (!_chunkIdsByDocument.TryGetValue(documentId, out var ids) && create)
        {
            ids = new HashSet<string>(StringComparer.Ordinal);
            _chunkIdsByDocument[documentId] = ids;
        }
        return ids;
    }
}
