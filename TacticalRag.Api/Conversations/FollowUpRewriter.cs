using Microsoft.Extensions.AI;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Prompting;

namespace TacticalRag.Api.Conversations;

/// <summary>
/// Turns a follow-up ("and how long does its battery last?") into a question retrieval can use on its own. The model
/// rewrites it when one answers; otherwise the conversation's topic is carried along so the search still has the subject.
/// </summary>
public sealed partial class FollowUpRewriter(IChatClient llm, ILogger<FollowUpRewriter> logger)
{
    private static readonly TimeSpan ModelBudget = TimeSpan.FromSeconds(20);

    public async Task<string> RewriteAsync(Conversation? conversation, string question, CancellationToken cancellationToken)
    {
        if (conversation is null || conversation.Turns.Count == 0)
        {
            return question;
        }
        var response = await llm.TryGetResponseAsync(BuildPrompt(conversation, question), new ChatOptions { MaxOutputTokens = 96, Temperature = 0 },
            ModelBudget, cancellationToken,
            // No model to rewrite with: searching with the conversation's topic as context is the next best thing.
            skipped: exception => LogWithoutModel(logger, exception.GetType().Name));
        if (response is not null && FirstLine(response.Text) is { Length: > 3 and < 1000 } rewritten)
        {
            return rewritten;
        }
        return WithoutModel(conversation, question);
    }

    internal static IReadOnlyList<ChatMessage> BuildPrompt(Conversation conversation, string question) =>
        ConversationPrompts.FollowUp(conversation.Summary, conversation.Turns.Select(t => new QuotedTurn(t.StandaloneQuestion, t.Answer)).ToList(), question);

    /// <summary>
    /// No model: the follow-up's own words, plus the conversation's topic (<see cref="ConversationTopic"/>) for the subject
    /// it refers to. The whole previous question would outweigh the follow-up and bring its passages back.
    /// </summary>
    public static string WithoutModel(Conversation conversation, string question) =>
        ConversationTopic.Of(conversation.Turns[^1].StandaloneQuestion, question) is { Length: > 0 } topic ? $"{question} {topic}" : question;

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()?.Trim('"') ?? "";

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-up not rewritten by a model ({Reason}); searching with the conversation's topic as context")]
    private static partial void LogWithoutModel(ILogger logger, string reason);
}
