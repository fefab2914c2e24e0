using Microsoft.Extensions.AI;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.OpenAi;

namespace TacticalRag.UnitTests.Conversations;

/// <summary>
/// A client's history (sent whole on each <c>/v1</c> turn) and the folded summary are kept within
/// <c>Conversations:MaxTurnChars</c> and <c>Conversations:MaxSummaryChars</c> before they are stored or put into a prompt.
/// </summary>
public sealed class ConversationCapTests
{
    private static readonly ConversationOptions Limits = new() { WindowTurns = 3, MaxTurnChars = 500, MaxSummaryChars = 300 };

    [Fact]
    public void AClientsLongHistoryIsCappedTurnByTurnAndInItsSummary()
    {
        List<ChatMessage> messages = [];
        for (var i = 0; i < 40; i++)
        {
            // The two turns the window keeps ask at length; the 38 folded into the summary ask briefly.
            messages.Add(new ChatMessage(ChatRole.User, $"question {i} " + (i >= 38 ? new string('q', 2_000) : "")));
            messages.Add(new ChatMessage(ChatRole.Assistant, new string('a', 50_000)));
        }
        messages.Add(new ChatMessage(ChatRole.User, "And the convoy spacing?"));

        var (question, history) = OpenAiConversation.From(messages, Limits, DateTimeOffset.UtcNow);

        Assert.Equal("And the convoy spacing?", question);
        Assert.NotNull(history);
        Assert.All(history.Turns, turn =>
        {
            Assert.Equal(500, turn.Question.Length);
            Assert.InRange(turn.Answer.Length, 1, 500);
            Assert.EndsWith("…", turn.Answer);
        });
        Assert.InRange(history.Summary!.Length, 1, 300);
        Assert.Contains("question 37", history.Summary); // the most recent end of the summary is kept
    }

    [Fact]
    public void TurnsAndSummariesWithinTheLimitsAreKeptAsTheyAre()
    {
        var turn = new ConversationTurn("short?", "short?", "A short answer.", "vllm", [], DateTimeOffset.UtcNow);

        Assert.Same(turn, ConversationLimits.Cap(turn, 500));
        Assert.Equal("Earlier questions: a; b", ConversationLimits.CapSummary("Earlier questions: a; b", 300));
        Assert.Null(ConversationLimits.CapSummary(null, 300));
    }
}
