using System.Text.Json;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Passages;

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
                AskedUtc: LibrarySamples.Monday.AddMinutes(i))
            {
                // Every other turn as stored before answers kept what they showed.
                Shown = i % 2 == 0 ? null : Shown(i),
            })
            .ToList(),
        Summary: "Earlier: the user asked about net control.",
        SummarizedTurns: 4,
        CreatedUtc: LibrarySamples.Monday,
        UpdatedUtc: LibrarySamples.Monday.AddMinutes(turns));

    public static ShownAnswer Shown(int i) => new(
        [new TurnSource(1, "abc", "Radio SOP", $"abc-{i:D5}", "Radio checks are done at 0600.", "Checks", 2, "Radio checks", [new(0, 5)])],
        [1], "llama3.1:8b", Fallback: i % 3 == 0, Cached: false, "hybrid", "fusion", null, 0, new TurnTimings(12, 340, 360));

    /// <summary>Records holding lists compare by reference; their JSON compares by content.</summary>
    public static string Json(Conversation? conversation) => JsonSerializer.Serialize(conversation);
}
