namespace TacticalRag.Web.Api;

/// <summary>A stretch of an excerpt that matches the question: <paramref name="Start"/> and <paramref name="Length"/> in characters.</summary>
public sealed record TextHighlight(int Start, int Length);
