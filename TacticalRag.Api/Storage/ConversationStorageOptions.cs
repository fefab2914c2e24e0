using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Api.Storage;

/// <summary>How long an untouched conversation is kept (every save starts the period again), and how often the folder store sweeps.</summary>
internal sealed class ConversationStorageOptions
{
    public const string SectionName = "Conversations";

    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the folder store deletes expired conversation files (Redis expires its keys by itself).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
