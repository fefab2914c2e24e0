using System.Text.Json.Serialization;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Passages;
using TacticalRag.Api.Prompting;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.Api.Answering;

public sealed record AskRequest(string? Question, string? ConversationId, int? TopK);

/// <summary>
/// A numbered source: <see cref="Index"/> is the n an answer cites as [n]. <see cref="Text"/> is the whole passage;
/// <see cref="Excerpt"/> the part of it that matches the question, its <see cref="Highlights"/> the question's words in it.
/// </summary>
public sealed record Citation(
    int Index, string DocumentId, string Title, string ChunkId, string Text, string? Section, int? Page,
    string Excerpt = "", IReadOnlyList<TextHighlight>? Highlights = null) : IQuotedSource;

public sealed record AskTimings(long RetrievalMs, long GenerationMs, long TotalMs);

/// <summary>
/// What retrieval settled for a question, carried once from retrieval to every shape an answer takes: the numbered
/// <see cref="Citations"/> the prompt holds (a cited [n] points into them), how they were found and ordered, and how
/// many retrieved passages were left out of the prompt to fit <c>Answering:MaxPromptChars</c>. Serialised as it is,
/// it is the SSE <c>citations</c> event, sent before the first token so [n] can be shown as it streams.
/// </summary>
public sealed record AnswerGrounding(
    IReadOnlyList<Citation> Citations,
    RetrievalStrategy Strategy,
    string ConversationId,
    string StandaloneQuestion,
    RetrievalRanking Ranking = RetrievalRanking.Fusion,
    RerankSkipReason? RerankSkipped = null,
    int PassagesDropped = 0);

/// <summary>
/// Who wrote an answer: a backend of the gateway (<see cref="Model"/> is what it served; <see cref="Fallback"/>, not
/// the preferred one), or <see cref="RetrievalOnly"/>, backend <c>none</c>, when the answer is the passages themselves.
/// </summary>
public sealed record AnswerAuthor(string Backend, string? Model, bool Fallback)
{
    public static readonly AnswerAuthor RetrievalOnly = new(LlmBackend.None, null, false);

    [JsonIgnore]
    public bool IsModel => Backend != LlmBackend.None;
}

/// <summary>
/// A finished answer: its text, the sources it cites, who wrote it, whether it came from the answer cache, the times,
/// the grounding it was written from, OpenAI's finish reason, and the size of the prompt (for usage estimates).
/// </summary>
public sealed record AnswerOutcome(
    string Answer,
    IReadOnlyList<Citation> Cited,
    AnswerAuthor Author,
    bool Cached,
    AskTimings Timings,
    AnswerGrounding Grounding,
    string FinishReason,
    int PromptCharacters);

/// <summary>The JSON of <c>POST /api/ask</c>: an <see cref="AnswerOutcome"/> laid out flat, as the API has always sent it.</summary>
public sealed class AskResponse(AnswerOutcome outcome)
{
    public string Answer => outcome.Answer;
    public IReadOnlyList<Citation> Citations => outcome.Cited;
    public string Backend => outcome.Author.Backend;
    public string? Model => outcome.Author.Model;
    public bool Fallback => outcome.Author.Fallback;
    public string ConversationId => outcome.Grounding.ConversationId;
    public RetrievalStrategy Strategy => outcome.Grounding.Strategy;
    public string StandaloneQuestion => outcome.Grounding.StandaloneQuestion;
    public bool Cached => outcome.Cached;
    public AskTimings Timings => outcome.Timings;
    public RetrievalRanking Ranking => outcome.Grounding.Ranking;
    public RerankSkipReason? RerankSkipped => outcome.Grounding.RerankSkipped;

    /// <summary>Retrieved passages left out of the prompt to fit <c>Answering:MaxPromptChars</c>.</summary>
    public int PassagesDropped => outcome.Grounding.PassagesDropped;
}

/// <summary>SSE <c>done</c>: who wrote the streamed answer, which sources it cites (by number), and the times.</summary>
internal sealed class AskDoneEvent(AnswerOutcome outcome)
{
    public string Backend => outcome.Author.Backend;
    public string? Model => outcome.Author.Model;
    public bool Fallback => outcome.Author.Fallback;
    public string ConversationId => outcome.Grounding.ConversationId;
    public RetrievalStrategy Strategy => outcome.Grounding.Strategy;
    public bool Cached => outcome.Cached;
    public IReadOnlyList<int> Cited => outcome.Cited.Select(c => c.Index).ToArray();
    public AskTimings Timings => outcome.Timings;
    public RetrievalRanking Ranking => outcome.Grounding.Ranking;
    public RerankSkipReason? RerankSkipped => outcome.Grounding.RerankSkipped;
    public int PassagesDropped => outcome.Grounding.PassagesDropped;
}
