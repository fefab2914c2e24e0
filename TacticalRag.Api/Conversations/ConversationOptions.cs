using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Api.Conversations;

/// <summary>Section <c>Conversations</c>: how much of a conversation is kept verbatim.</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversations";

    /// <summary>The setting's name before conversations had their own section; still read when the new one is unset.</summary>
    public const string LegacyWindowTurnsKey = "Answering:ConversationWindowTurns";

    /// <summary>Recent turns kept verbatim; older ones are folded into a model-written summary.</summary>
    [Range(1, 50)]
    public int WindowTurns { get; set; } = 6;

    /// <summary>Characters of one stored turn's question, and of its answer, each; longer ones are cut (with "…").</summary>
    [Range(100, 1_000_000)]
    public int MaxTurnChars { get; set; } = 4_000;

    /// <summary>Characters of a conversation's folded summary; a longer one keeps its most recent end.</summary>
    [Range(100, 1_000_000)]
    public int MaxSummaryChars { get; set; } = 2_000;
}
