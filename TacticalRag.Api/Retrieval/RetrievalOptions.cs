using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Api.Retrieval;

/// <summary>Retrieval settings, section <c>Retrieval</c>. The fusion defaults were tuned on the sample evaluation set.</summary>
public sealed class RetrievalOptions
{
    public const string SectionName = "Retrieval";

    [Range(1, 100_000)]
    public int MaxQueryChars { get; set; } = 2000;

    /// <summary>The largest <c>topK</c> a request may ask for.</summary>
    [Range(1, 1000)]
    public int MaxTopK { get; set; } = 50;

    /// <summary>Passages for a short, single-clause question.</summary>
    [Range(1, 1000)]
    public int FactualTopK { get; set; } = 4;

    /// <summary>Passages for a long or multi-part question.</summary>
    [Range(1, 1000)]
    public int ComplexTopK { get; set; } = 8;

    /// <summary>Model-written rephrasings searched beside a complex question (0: none).</summary>
    [Range(0, 5)]
    public int MaxQueryVariants { get; set; } = 2;

    /// <summary>How long the model may take to write variants before the search goes on without them.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan QueryVariantTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// A language outside the embedder's reading turns the dense ranking off for a question (and out for a chunk) only
    /// when at least this share of the library's chunks is written in it; below, the detection is more likely wrong
    /// than the library multilingual (docs/decisions.md).
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinLanguageShare { get; set; } = 0.05;

    /// <summary>How deep each ranking is read before fusion.</summary>
    [Range(1, 10_000)]
    public int CandidateDepth { get; set; } = 50;

    /// <summary>How BM25's and the dense ranking are fused; chosen on every evaluation set together (docs/decisions.md).</summary>
    public FusionMethod Fusion { get; set; } = FusionMethod.KeywordBoost;

    /// <summary>With <see cref="FusionMethod.KeywordBoost"/>: how much a BM25 z-score above the threshold lifts a chunk.</summary>
    [Range(0.0, 100.0)]
    public double KeywordBoost { get; set; } = 0.5;

    /// <summary>With <see cref="FusionMethod.KeywordBoost"/>: the BM25 z-score from which a match counts as decisive.</summary>
    [Range(0.0, 100.0)]
    public double KeywordBoostThreshold { get; set; } = 2.0;

    /// <summary>Reciprocal rank fusion's k (with <see cref="FusionMethod.ReciprocalRank"/>): larger flattens the ranks.</summary>
    [Range(0.0, 10_000.0)]
    public double RrfK { get; set; } = 2;

    /// <summary>BM25's weight in the fusion (0: dense only).</summary>
    [Range(0.0, 100.0)]
    public double KeywordWeight { get; set; } = 1.0;

    /// <summary>The dense ranking's weight in the fusion (0: BM25 only).</summary>
    [Range(0.0, 100.0)]
    public double DenseWeight { get; set; } = 1.0;

    /// <summary>A variant's rankings count this much of the question's own.</summary>
    [Range(0.0, 100.0)]
    public double VariantWeight { get; set; } = 0.5;

    /// <summary>How long a search or question waits for a replica's index that is still loading before answering 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan IndexLoadWait { get; set; } = TimeSpan.FromSeconds(3);
}
