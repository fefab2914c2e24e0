using TacticalRag.Api.Conversations;

namespace TacticalRag.Api.Answering;

/// <summary>The turn a conversation keeps of an answer: the question, the answer and all the answer view showed with it.</summary>
internal static class AnsweredTurn
{
    public static ConversationTurn From(PreparedAnswer prepared, AskResponse response, DateTimeOffset askedUtc) =>
        new(prepared.Question, prepared.StandaloneQuestion, response.Answer, response.Backend,
            [.. response.Citations.Select(c => c.ChunkId)], askedUtc)
        {
            Shown = new ShownAnswer(
                [.. prepared.Sources.Select(s => new TurnSource(s.Index, s.DocumentId, s.Title, s.ChunkId, s.Text, s.Section, s.Page, s.Excerpt, s.Highlights))],
                [.. response.Citations.Select(c => c.Index)],
                response.Model, response.Fallback, response.Cached, response.Strategy, response.Ranking, response.RerankSkipped,
                response.PassagesDropped,
                new TurnTimings(response.Timings.RetrievalMs, response.Timings.GenerationMs, response.Timings.TotalMs)),
        };
}
