using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Api.Storage;

/// <summary>Where the library lives without Redis, and how often a replica looks for other replicas' changes.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The local data folder used when no Redis connection string is configured; relative to the content root.</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    /// <summary>
    /// The first wait before reading the change stream again after a failed read (doubling, up to 5 s). Changes
    /// themselves arrive at once: the follower blocks on XREAD on a connection of its own.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ChangePollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// About how many entries the Redis change streams keep. A replica that falls further behind sees a gap in the
    /// versions and reloads its index.
    /// </summary>
    [Range(10, 10_000_000)]
    public int ChangeStreamMaxLength { get; set; } = 10_000;

    /// <summary>Prefix of every Redis key, so that several libraries (or test runs) can share one Redis.</summary>
    [Required]
    public string KeyPrefix { get; set; } = "trag:";
}
