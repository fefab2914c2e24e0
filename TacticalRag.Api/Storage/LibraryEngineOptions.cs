using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Api.Storage;

/// <summary>Which engine holds and searches the library (section <c>Library</c>).</summary>
public sealed class LibraryEngineOptions : IValidatableObject
{
    public const string SectionName = "Library";

    /// <summary>The Aspire resource name (and <c>ConnectionStrings</c> key) of the library's PostgreSQL database.</summary>
    public const string ConnectionName = "library";

    /// <summary>The configuration key of the library's connection string.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:library";

    /// <summary>
    /// <see cref="LibraryEngine.Embedded"/> (the default: each replica's in-memory index over Redis or the data folder) or
    /// <see cref="LibraryEngine.PostgreSQL"/> (documents, chunks, vectors, keyword index and conversations in PostgreSQL
    /// with pgvector, at <c>ConnectionStrings:library</c>; replicas hold no index).
    /// </summary>
    public LibraryEngine Engine { get; set; } = LibraryEngine.Embedded;

    /// <summary>
    /// Optional connection string of a read replica (streaming replication, a managed service's reader endpoint) that
    /// answers searches; writes, and reads that must see them, go to <c>ConnectionStrings:library</c>. PostgreSQL only.
    /// </summary>
    public string? ReadConnection { get; set; }

    /// <summary>
    /// HNSW search breadth (<c>hnsw.ef_search</c>) per dense search; higher finds more of the exact nearest neighbours at
    /// some cost. At least the candidate depth is used. PostgreSQL only.
    /// </summary>
    [Range(10, 1000)]
    public int HnswEfSearch { get; set; } = 100;

    /// <summary>
    /// How the PostgreSQL engine scores keyword matches: <see cref="KeywordScoring.Bm25"/> (the default: BM25 over term
    /// statistics kept with the chunks, as the embedded engine's Lucene index scores) or <see cref="KeywordScoring.TsRankCd"/>
    /// (PostgreSQL's own cover density rank; docs/decisions.md has both measured).
    /// </summary>
    public KeywordScoring KeywordScoring { get; set; } = KeywordScoring.Bm25;

    /// <summary>
    /// The keyword search's candidate budget: the query's rarest terms pick the chunks to score, while the chunks they
    /// are in add up to at most this many (the rarest term always counts); every candidate is scored with all the terms.
    /// Bounds a search's cost at any library size (a common word alone would make every chunk a candidate); a library
    /// smaller than this is searched exactly. PostgreSQL only.
    /// </summary>
    [Range(1, 10_000_000)]
    public int KeywordCandidates { get; set; } = 10_000;

    /// <summary>The primary connection string, bound from <c>ConnectionStrings:library</c> (not a setting of this section).</summary>
    internal string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Engine == LibraryEngine.PostgreSQL && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                $"Library:Engine is PostgreSQL but {ConnectionStringKey} is not set: give the library's PostgreSQL database.",
                [nameof(Engine)]);
        }
        if (Engine != LibraryEngine.PostgreSQL && !string.IsNullOrWhiteSpace(ReadConnection))
        {
            yield return new ValidationResult(
                "Library:ReadConnection is set but Library:Engine is not PostgreSQL: a read replica serves the PostgreSQL engine only.",
                [nameof(ReadConnection)]);
        }
    }
}

public enum LibraryEngine { Embedded, PostgreSQL }

public enum KeywordScoring { Bm25, TsRankCd }
