using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Api.Ingestion;

/// <summary>Section <c>IndexSync</c>: how a replica keeps its search index equal to the library.</summary>
public sealed class IndexSyncOptions
{
    public const string SectionName = "IndexSync";

    /// <summary>
    /// How often the library's version is compared with the index's. A library whose version went back (Redis
    /// restarted empty, or from an older copy) sends no change to notice it by, so it is looked for.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan ConsistencyCheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
