namespace TacticalRag.Api.Passages;

/// <summary>A marked stretch of an excerpt: <see cref="Start"/> and <see cref="Length"/> in characters of its text.</summary>
public sealed record TextHighlight(int Start, int Length);

/// <summary>
/// The part of a passage that answers a question: its best-matching sentences, with "…" where text was left out,
/// and the words of the question it holds marked by <see cref="Highlights"/>.
/// </summary>
public sealed record PassageExcerpt(string Text, IReadOnlyList<TextHighlight> Highlights);
