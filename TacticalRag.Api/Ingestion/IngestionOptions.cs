using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Api.Ingestion;

/// <summary>Section <c>Ingestion</c>.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Largest single file accepted (413 above it).</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Largest whole upload request, all files together.</summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 100 * 1024 * 1024;

    [Range(1, 100)]
    public int MaxFilesPerRequest { get; set; } = 20;

    /// <summary>
    /// The longest one file may take to be read and cut into chunks. Over it the file is refused (413) and the core it
    /// held is free again: no upload can hold one longer, whatever its content.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan FileTimeBudget { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A folder whose documents are loaded when the library is empty at start (null: none).</summary>
    public string? SamplesPath { get; set; }

    /// <summary>Chunks embedded per batch; small batches keep progress moving and let queries interleave.</summary>
    [Range(1, 256)]
    public int EmbeddingBatchSize { get; set; } = 8;
}
