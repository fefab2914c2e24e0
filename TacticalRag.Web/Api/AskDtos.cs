using System.Text.Json.Serialization;

namespace TacticalRag.Web.Api;

/// <summary>The body of <c>POST /api/ask/stream</c>; without a conversation id the API starts a new conversation.</summary>
public sealed record AskRequest(
    string Question,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ConversationId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TopK = null);

/// <summary>
/// A numbered source of an answer: the answer cites it as [<paramref name="Index"/>]. <paramref name="Text"/> is the
/// whole passage, <paramref name="Excerpt"/> the part that matches the question, with its words at <paramref name="Highlights"/>.
/// </summary>
public sealed record Citation(
    int Index, string DocumentId, string Title, string ChunkId, string Text, string? Section, int? Page,
    string? Excerpt = null, IReadOnlyList<TextHighlight>? Highlights = null);

/// <summary>How long the answer took; doubles so an API that reports fractions still reads.</summary>
public sealed record AskTimings(double RetrievalMs, double GenerationMs, double TotalMs);

/// <summary>The answer of <c>GET /api/examples</c>.</summary>
public sealed record ExampleQuestionList(IReadOnlyList<string>? Questions);
