using System.Text.Json;
using TacticalRag.Api.Conversations;

namespace TacticalRag.Api.Tests.Storage;

internal static class ConversationSamples
{
    public static Conversation Conversation(string id, int turns = 2) => new(
        Id: id,
        Turns: Enumerable.Range(1, turns)
            .Select(i => new ConversationTurn(
                Question: $"And the {i}th check?",
                StandaloneQuestion: $"When is radio check {i} done?",
                Answer: $"At 06{i:D2} [1].",
                Backend: i % 2 == 0 ? "ollama" : "vllm",
                CitedChunkIds: [$"abc-{i:D5}"],
                AskedUtc: LibrarySamples.Monday.AddMinutes(i)))
            .ToList(),
        Summary: "Earlier: the user asked about net control.",
        SummarizedTurns: 4,
        CreatedUtc: LibrarySamples.Monday,
        UpdatedUtc: LibrarySamples.Monday.AddMinutes(turns));

    /// <summary>Records holding lists compare by reference; their JSON compares by content.</summary>
    public static string Json(Conversation? conversation) => JsonSerializer.Serialize(conversation);
}
