using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Api.Embeddings;

/// <summary>
/// The in-process cache of query embeddings, section <c>Embeddings:QueryCache</c>. A query embedding is about 1.5 KB
/// (384 floats), so the default bound holds about 15 MB.
/// </summary>
public sealed class QueryEmbeddingCacheOptions
{
    public const string SectionName = "Embeddings:QueryCache";

    /// <summary>At most this many distinct query texts are kept; beyond it the least recently used make room.</summary>
    [Range(1, 1_000_000)]
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>A query nobody asks again within this period is dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(1);
}
