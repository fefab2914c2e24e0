using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Api.Ingestion.Chunking;

/// <summary>How documents are cut into chunks, section <c>Ingestion:Chunking</c>. Sizes are word pieces of the BERT uncased vocabulary both embedding models read.</summary>
public sealed class ChunkingOptions : IValidatableObject
{
    public const string SectionName = "Ingestion:Chunking";

    /// <summary>
    /// The most word pieces in a chunk. The embedder reads 256 including its two special tokens, so 254 is the ceiling;
    /// the default leaves room for a title or heading prefixed at embedding time.
    /// </summary>
    [Range(16, 254)]
    public int MaxTokens { get; set; } = 200;

    /// <summary>Word pieces of trailing whole sentences repeated at the start of the next chunk of the same section.</summary>
    [Range(0, 127)]
    public int OverlapTokens { get; set; } = 30;

    /// <summary>
    /// The most characters in a chunk, whatever its word-piece count: text the embedder counts as few pieces (long runs
    /// without spaces, marks it drops) cannot make a chunk that floods a prompt. 200 word pieces of English are about
    /// 900 characters; 2,000 is only reached by such text.
    /// </summary>
    [Range(200, 100_000)]
    public int MaxChars { get; set; } = 2_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OverlapTokens * 2 > MaxTokens)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(OverlapTokens)} ({OverlapTokens}) must be at most half of {nameof(MaxTokens)} ({MaxTokens}).",
                [nameof(OverlapTokens)]);
        }
    }
}
