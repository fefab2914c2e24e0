using TacticalRag.Api.Conversations;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.Api.Answering;

/// <summary>Everything decided about a question before generation; the stream sends it as its <c>citations</c> event.</summary>
public sealed record PreparedAnswer
{
    public required string ConversationId { get; init; }

    /// <summary>The stored conversation the question continues; null for a new one.</summary>
    public required Conversation? Conversation { get; init; }

    public required string Question { get; init; }

    /// <summary>The question rewritten to stand alone (the same text when it already did).</summary>
    public required string StandaloneQuestion { get; init; }

    public required string Strategy { get; init; }
    public required IReadOnlyList<Citation> Sources { get; init; }

    /// <summary>The library version retrieval saw; the answer cache is keyed on it.</summary>
    public required long LibraryVersion { get; init; }

    public required int? TopK { get; init; }

    /// <summary>When the ask started, for the total time.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    public required TimeSpan RetrievalTime { get; init; }

    /// <summary>The answer cached for this standalone question and library version, if any.</summary>
    public AskResponse? CachedAnswer { get; init; }

    /// <summary>Who a new conversation will belong to (<see cref="Security.Caller.OwnerId"/>).</summary>
    public required string Owner { get; init; }

    public string Ranking { get; init; } = RetrievalRanking.Fusion;
    public string? RerankSkipped { get; init; }

    /// <summary>Retrieved passages left out of the prompt to fit <c>Answering:MaxPromptChars</c>.</summary>
    public int PassagesDropped { get; init; }
}

/// <summary>An answer's text and who wrote it (<see cref="Llm.LlmBackend.None"/> for the retrieval-only answer).</summary>
public sealed record GeneratedAnswer(string Text, string Backend, string? Model, bool Fallback, TimeSpan GenerationTime, bool Cached = false);
