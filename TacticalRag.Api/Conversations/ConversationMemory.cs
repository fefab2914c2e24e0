using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Answering;
using TacticalRag.Api.Llm;

namespace TacticalRag.Api.Conversations;

/// <summary>
/// Keeps a conversation's recent turns verbatim and folds the ones that slide out of the window into a summary the
/// model writes (or, with no model, a plain list of the earlier questions), so a long conversation stays small.
/// </summary>
public sealed class ConversationMemory(IConversationStore store, IChatClient llm, IOptions<AnsweringOptions> options, TimeProvider time)
{
    private static readonly TimeSpan s_summaryBudget = TimeSpan.FromSeconds(30);

    public static string NewId() => Guid.CreateVersion7().ToString("N");

    public async Task<Conversation> AppendAsync(Conversation? conversation, string id, ConversationTurn turn, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = conversation ?? new Conversation(id, [], null, 0, now, now);
        var turns = current.Turns.Append(turn).ToList();
        var summary = current.Summary;
        var summarized = current.SummarizedTurns;
        var window = options.Value.ConversationWindowTurns;
        if (turns.Count > window)
        {
            var leaving = turns.Take(turns.Count - window).ToList();
            summary = await SummarizeAsync(summary, leaving, cancellationToken);
            summarized += leaving.Count;
            turns = turns.Skip(leaving.Count).ToList();
        }
        var updated = current with { Turns = turns, Summary = summary, SummarizedTurns = summarized, UpdatedUtc = now };
        await store.SaveAsync(updated, cancellationToken);
        return updated;
    }

    private async Task<string> SummarizeAsync(string? previous, IReadOnlyList<ConversationTurn> leaving, CancellationToken cancellationToken)
    {
        var transcript = new StringBuilder();
        if (previous is { Length: > 0 }) transcript.Append("Summary so far: ").AppendLine(previous);
        foreach (var turn in leaving)
        {
            transcript.Append("User: ").AppendLine(turn.StandaloneQuestion);
            transcript.Append("Assistant: ").AppendLine(FollowUpRewriter.Shorten(turn.Answer, 600));
        }
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(s_summaryBudget);
        try
        {
            var response = await llm.GetResponseAsync(
            [
                new ChatMessage(ChatRole.System, "Summarise this conversation in at most 120 words. Keep the subjects, names, numbers and conclusions; drop pleasantries."),
                new ChatMessage(ChatRole.User, transcript.ToString()),
            ], new ChatOptions { MaxOutputTokens = 200, Temperature = 0 }, budget.Token);
            if (!string.IsNullOrWhiteSpace(response.Text))
            {
                return response.Text.Trim();
            }
        }
        catch (Exception exception) when (exception is NoLlmBackendAvailableException or LlmStreamInterruptedException
            || exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
        }
        return WithoutModel(previous, leaving);
    }

    internal static string WithoutModel(string? previous, IReadOnlyList<ConversationTurn> leaving)
    {
        var questions = string.Join("; ", leaving.Select(t => t.StandaloneQuestion));
        return previous is { Length: > 0 } ? $"{previous} Then asked: {questions}" : $"Earlier questions: {questions}";
    }
}
