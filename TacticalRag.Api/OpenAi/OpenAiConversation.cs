using Microsoft.Extensions.AI;
using TacticalRag.Api.Conversations;

namespace TacticalRag.Api.OpenAi;

/// <summary>
/// OpenAI clients send the whole conversation every turn; <c>tacticalrag</c> answers the last user message with the
/// earlier user/assistant turns as its history. The history becomes an unsaved <see cref="Conversation"/> handed to the
/// ask service as if it had been stored, so follow-ups are rewritten exactly as in <c>/api/ask</c>. Turns beyond the
/// memory window are folded into a plain summary here, so recording the new turn never costs a summarising model call.
/// </summary>
internal static class OpenAiConversation
{
    public static (string Question, Conversation? History) From(IReadOnlyList<ChatMessage> messages, ConversationOptions limits, DateTimeOffset now)
    {
        var lastUser = LastIndexOf(messages, ChatRole.User);
        var question = messages[lastUser].Text.Trim();
        List<ConversationTurn> turns = [];
        string? pending = null;
        foreach (var message in messages.Take(lastUser))
        {
            if (message.Role == ChatRole.User)
            {
                if (pending is not null) turns.Add(Turn(pending, "", now));
                pending = message.Text.Trim();
            }
            else if (message.Role == ChatRole.Assistant && pending is not null)
            {
                turns.Add(Turn(pending, message.Text, now));
                pending = null;
            }
            // System messages are left out: the grounded prompt carries its own rules.
        }
        if (pending is not null) turns.Add(Turn(pending, "", now));
        if (turns.Count == 0)
        {
            return (question, null);
        }
        // Room for the turn being answered, so the window is never exceeded when it is recorded.
        var keep = Math.Max(1, limits.WindowTurns - 1);
        var older = turns.Take(Math.Max(0, turns.Count - keep)).ToList();
        var summary = older.Count == 0 ? null : "Earlier questions: " + string.Join("; ", older.Select(t => t.Question));
        // Capped as stored conversations are, so a client's history cannot swell the rewrite prompt or the store.
        return (question, ConversationLimits.Cap(
            new Conversation(ConversationMemory.NewId(), turns.Skip(older.Count).ToList(), summary, older.Count, now, now), limits));
    }

    private static ConversationTurn Turn(string question, string answer, DateTimeOffset at) =>
        new(question, question, answer, "client", [], at);

    private static int LastIndexOf(IReadOnlyList<ChatMessage> messages, ChatRole role)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == role) return i;
        }
        throw new ArgumentException("No user message; the request reader checks for one.", nameof(messages));
    }
}
