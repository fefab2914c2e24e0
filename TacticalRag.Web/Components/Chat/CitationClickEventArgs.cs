namespace TacticalRag.Web.Components.Chat;

/// <summary>A click inside an answer; <see cref="Index"/> is the source number of the chip clicked, or null off a chip.</summary>
public sealed class CitationClickEventArgs : EventArgs
{
    public int? Index { get; set; }
}
