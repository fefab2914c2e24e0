using Microsoft.Extensions.AI;

namespace TacticalRag.Api.Prompting;

/// <summary>One exchange of a conversation as a prompt quotes it: the user's (standalone) question and the answer.</summary>
public readonly record struct QuotedTurn(string Question, string Answer);

/// <summary>
/// The conversation's prompts: rewriting a follow-up so it stands alone, and folding old turns into a summary. Questions,
/// answers and summaries are user and model text: neither may carry chat-template tokens into the prompt.
/// </summary>
public static class ConversationPrompts
{
    /// <summary>How many of the latest turns a follow-up is read against, and how much of each answer.</summary>
    private const int FollowUpTurns = 3;
    private const int FollowUpAnswerChars = 300;
    private const int SummaryAnswerChars = 600;

    private const string FollowUpRules =
        "Rewrite the user's follow-up question so that it can be understood without the conversation: replace pronouns and references with what they refer to. Reply with the rewritten question only, on one line. If it already stands alone, repeat it unchanged.";

    private const string SummaryRules =
        "Summarise this conversation in at most 120 words. Keep the subjects, names, numbers and conclusions; drop pleasantries.";

    /// <summary>The follow-up read against the summary so far and the latest turns.</summary>
    public static IReadOnlyList<ChatMessage> FollowUp(string? summary, IReadOnlyList<QuotedTurn> turns, string question)
    {
        var user = new PromptWriter().Rule("Conversation:\n");
        if (summary is { Length: > 0 })
        {
            user.Rule("Earlier: ").Quote(summary).Rule(Environment.NewLine);
        }
        AppendTurns(user, turns.TakeLast(FollowUpTurns), FollowUpAnswerChars);
        user.Rule("\nFollow-up question: ").Quote(question);
        return [new ChatMessage(ChatRole.System, FollowUpRules), new ChatMessage(ChatRole.User, user.ToString())];
    }

    /// <summary>The turns leaving the conversation's window, with the summary so far, to be summarised.</summary>
    public static IReadOnlyList<ChatMessage> Summary(string? previous, IReadOnlyList<QuotedTurn> leaving)
    {
        var user = new PromptWriter();
        if (previous is { Length: > 0 })
        {
            user.Rule("Summary so far: ").Quote(previous).Rule(Environment.NewLine);
        }
        AppendTurns(user, leaving, SummaryAnswerChars);
        return [new ChatMessage(ChatRole.System, SummaryRules), new ChatMessage(ChatRole.User, user.ToString())];
    }

    private static void AppendTurns(PromptWriter user, IEnumerable<QuotedTurn> turns, int answerChars)
    {
        foreach (var turn in turns)
        {
            user.Rule("User: ").Quote(turn.Question).Rule(Environment.NewLine);
            user.Rule("Assistant: ").Quote(Shorten(turn.Answer, answerChars)).Rule(Environment.NewLine);
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
