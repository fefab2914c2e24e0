using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Api.Answering;

/// <summary>Section <c>Answering</c>.</summary>
public sealed class AnsweringOptions : IValidatableObject
{
    public const string SectionName = "Answering";

    [Range(1, 100_000)]
    public int MaxQuestionChars { get; set; } = 2000;

    [Range(1, 50)]
    public int MaxTopK { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan AnswerCacheTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The most characters of a grounded prompt (rules, passages, question). The lowest-ranked passages are dropped
    /// whole to fit. About 4 characters a token in English: 24,000 leaves room for the answer in vLLM's 8,192-token context.
    /// </summary>
    [Range(4_000, 2_000_000)]
    public int MaxPromptChars { get; set; } = 24_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The question always goes in whole, and there must be room left for passages beside it.
        if (MaxPromptChars < MaxQuestionChars * 2)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(MaxPromptChars)} ({MaxPromptChars}) must be at least twice {nameof(MaxQuestionChars)} ({MaxQuestionChars}).",
                [nameof(MaxPromptChars)]);
        }
    }
}
