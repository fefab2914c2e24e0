using System.Text.Json.Serialization;

namespace TacticalRag.Web.Api;

/// <summary>The body of <c>POST /api/search</c>.</summary>
public sealed record SearchRequest(
    string Query,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TopK = null);

/// <summary>
/// A passage found for a query, with its fused score (higher is better) and where it came from; <paramref name="Excerpt"/>
/// is the part that matches the query, with its words at <paramref name="Highlights"/>.
/// </summary>
public sealed record PassageMatch(
    string DocumentId, string Title, string ChunkId, string Text, double Score, string? Section, int? Page,
    string? Excerpt = null, IReadOnlyList<TextHighlight>? Highlights = null);

/// <summary>The answer of <c>POST /api/search</c>: passages best first, and the strategy that found them.</summary>
public sealed record SearchResults(string? Strategy, IReadOnlyList<PassageMatch>? Results);
