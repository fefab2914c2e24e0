namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// What <see cref="DocumentFormatDetector"/> made of a file: a format, or (format null) why it cannot be ingested,
/// worded for the detail of a 415 response.
/// </summary>
internal sealed record DetectionResult(DetectedFormat? Format, string? Problem)
{
    public bool IsSupported => Format is not null;

    public static DetectionResult Supported(DetectedFormat format) => new(format, null);

    public static DetectionResult Unsupported(string problem) => new(null, problem);
}
