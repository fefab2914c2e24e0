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
    /// How often the change stream is read. StackExchange.Redis cannot block on XREAD over its multiplexed
    /// connection, so followers poll; this bounds how stale another replica's index can be.
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
