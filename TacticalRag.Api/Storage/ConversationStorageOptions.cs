using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Api.Storage;

/// <summary>How long an untouched conversation is kept; every save starts the period again.</summary>
public sealed class ConversationStorageOptions
{
    public const string SectionName = "Conversations";

    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromDays(7);
}
