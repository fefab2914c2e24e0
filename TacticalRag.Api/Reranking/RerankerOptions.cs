using System.ComponentModel.DataAnnotations;
using TacticalRag.Api.ModelServerKit;

namespace TacticalRag.Api.Reranking;

/// <summary>The wire format the reranker server speaks.</summary>
public enum RerankerFormat
{
    /// <summary>Hugging Face text-embeddings-inference: <c>POST /rerank</c> with <c>texts</c>.</summary>
    Tei,

    /// <summary>vLLM serving a cross-encoder: <c>POST /v1/rerank</c> with <c>model</c> and <c>documents</c>.</summary>
    Vllm,
}

/// <summary>
/// The optional cross-encoder reranker, section <c>Reranker</c> (environment: <c>RERANKER_HOST</c>,
/// <c>RERANKER_FORMAT</c>, <c>RERANKER_MODEL</c>). Without an <see cref="Endpoint"/> there is no reranker: nothing
/// is probed and every search ranks by fusion.
/// </summary>
public sealed class RerankerOptions : IValidatableObject
{
    public const string SectionName = "Reranker";

    /// <summary>What the AppHost and plain container deployments set, layered over section <c>Reranker</c>.</summary>
    internal static readonly ModelServerVariable[] EnvironmentVariables =
    [
        new("RERANKER_HOST", "Reranker:Endpoint"),
        new("RERANKER_FORMAT", "Reranker:Format"),
        new("RERANKER_MODEL", "Reranker:Model"),
    ];

    /// <summary>The server's base address (service discovery resolves <c>http://reranker</c>); empty: no reranker.</summary>
    public Uri? Endpoint { get; set; }

    public RerankerFormat Format { get; set; } = RerankerFormat.Tei;

    /// <summary>Sent as <c>model</c> to vLLM, which refuses any other; reported on traces for both formats.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Model { get; set; } = "BAAI/bge-reranker-base";

    /// <summary>
    /// How many of the best fused passages are reranked; the rest keep their fused order behind them. TEI refuses more
    /// texts in one request than its <c>--max-client-batch-size</c> (32 unless set).
    /// </summary>
    [Range(1, 256)]
    public int Candidates { get; set; } = 20;

    /// <summary>The most one search waits for the reranker before it ranks by fusion instead.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1.5);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan HealthProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan HealthProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public bool IsConfigured => Endpoint is { OriginalString.Length: > 0 };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsConfigured && (Endpoint is { IsAbsoluteUri: false } || Endpoint is { Scheme: not ("http" or "https" or "https+http" or "http+https") }))
        {
            yield return new ValidationResult(
                $"Reranker:Endpoint must be an absolute http or https address (or empty for no reranker), got '{Endpoint}'.",
                [nameof(Endpoint)]);
        }
    }
}
