using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Api.Embeddings;

/// <summary>
/// Embedding settings, section <c>Embeddings</c>. Changing <see cref="Model"/> re-embeds the library in the background;
/// keyword search serves meanwhile.
/// </summary>
public sealed class EmbeddingOptions : IValidatableObject
{
    public const string SectionName = "Embeddings";

    /// <summary>The model used when none is configured.</summary>
    public static EmbeddingModel DefaultModel => EmbeddingModel.ArcticXs;

    /// <summary>snowflake-arctic-embed-xs (default) or all-MiniLM-L6-v2.</summary>
    public string Model { get; set; } = DefaultModel.Name;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EmbeddingModel.Find(Model) is null)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(Model)} '{Model}' is not a known model; use one of: {string.Join(", ", EmbeddingModel.All.Select(m => m.Name))}.",
                [nameof(Model)]);
        }
    }
}
