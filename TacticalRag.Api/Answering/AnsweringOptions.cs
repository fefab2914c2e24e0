using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Api.Answering;

/// <summary>Section <c>Answering</c>.</summary>
public sealed class AnsweringOptions
{
    public const string SectionName = "Answering";

    [Range(1, 100_000)]
    public int MaxQuestionChars { get; set; } = 2000;

    [Range(1, 50)]
    public int MaxTopK { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan AnswerCacheTtl { get; set; } = TimeSpan.FromDays(1);
}
