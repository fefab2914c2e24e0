namespace TacticalRag.Web.Browser;

/// <summary>A conversation this browser started: its id at the API, its first question as a title, when it was last used.</summary>
public sealed record ConversationHistoryEntry(string Id, string Title, DateTimeOffset UpdatedUtc);
