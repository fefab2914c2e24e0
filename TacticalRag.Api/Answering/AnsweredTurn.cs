using TacticalRag.Api.Common;
using TacticalRag.Api.Conversations;

namespace TacticalRag.Api.Answering;

/// <summary>The turn a conversation keeps of an answer: the question, the answer and all the answer view showed with it.</summary>
internal static class AnsweredTurn
{
    public static ConversationTurn From(string question, AnswerOutcome outcome, DateTimeOffset askedUtc)
    {
        var grounding = outcome.Grounding;
        return new(question, grounding.StandaloneQuestion, outcome.Answer, outcome.Author.Backend, [.. outcome.Cited.Select(c => c.ChunkId)], askedUtc)
        {
            Shown = new ShownAnswer(
                [.. grounding.Citations.Select(s => new TurnSource(s.Index, s.DocumentId, s.Title, s.ChunkId, s.Text, s.Section, s.Page, s.Excerpt, s.Highlights))],
                [.. outcome.Cited.Select(c => c.Index)],
                outcome.Author.Model, outcome.Author.Fallback, outcome.Cached, grounding.Strategy.WireName(), grounding.Ranking.WireName(),
                grounding.RerankSkipped?.WireName(), grounding.PassagesDropped,
                new TurnTimings(outcome.Timings.RetrievalMs, outcome.Timings.GenerationMs, outcome.Timings.TotalMs)),
        };
    }
}
