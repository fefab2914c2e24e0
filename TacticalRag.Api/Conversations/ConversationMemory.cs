using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Prompting;

namespace TacticalRag.Api.Conversations;

/// <summary>
/// Keeps a conversation's recent turns verbatim and folds the ones that slide out of the window into a summary the
/// model writes (or, with no model, a plain list of the earlier questions), so a long conversation stays small.
/// </summary>
public sealed class ConversationMemory(
    IConversationStore store, IChatClient llm, ConversationFoldQueue folds, IOptions<ConversationOptions> options, TimeProvider time)
{
    private static readonly TimeSpan SummaryBudget = TimeSpan.FromSeconds(30);

    public static string NewId() => Guid.CreateVersion7().ToString("N");

    /// <summary>
    /// Adds the turn to the stored conversation in one atomic store step, so concurrent asks in one conversation each
    /// keep their turn. Turns that slid out of the window are folded into the summary later, in the background
    /// (<see cref="ConversationFoldService"/>), so the answer is not held up by a second model call. A conversation not
    /// stored yet starts from <paramref name="history"/> (earlier turns a client sent with the question), else empty, and
    /// is owned by <paramref name="owner"/> and titled with its first question; a stored one keeps its owner and title.
    /// </summary>
    public async Task<Conversation> AppendAsync(
        string id, string owner, ConversationTurn turn, Conversation? history, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var limits = options.Value;
        var capped = ConversationLimits.Cap(turn, limits.MaxTurnChars);
        var appended = await store.UpdateAsync(id, current =>
        {
            var start = current ?? (ConversationLimits.Cap(history ?? new Conversation(id, [], null, 0, now, now), limits) with
            {
                Owner = owner,
                // Named after the first question, which later turns do not change.
                Title = history?.Title ?? ConversationTitle.FromQuestion(history?.Turns.FirstOrDefault()?.Question ?? turn.Question),
            });
            return start with { Id = id, Turns = [.. start.Turns, capped], UpdatedUtc = now };
        }, cancellationToken);
        if (appended!.Turns.Count > options.Value.WindowTurns)
        {
            folds.Enqueue(appended);
        }
        return appended;
    }

    /// <summary>
    /// The model writes the summary outside the store's atomic step (it takes seconds); the fold is then applied only
    /// while the same turns are still the oldest unsummarised ones. When another ask folded first, this one leaves it.
    /// </summary>
    internal async Task<Conversation> FoldAsync(Conversation appended, CancellationToken cancellationToken)
    {
        var leavingCount = appended.Turns.Count - options.Value.WindowTurns;
        if (leavingCount <= 0)
        {
            return appended;
        }
        var summary = ConversationLimits.CapSummary(
            await SummarizeAsync(appended.Summary, appended.Turns.Take(leavingCount).ToList(), cancellationToken), options.Value.MaxSummaryChars);
        var folded = await store.UpdateAsync(appended.Id, current =>
            current is null || current.CreatedUtc != appended.CreatedUtc || current.SummarizedTurns != appended.SummarizedTurns
                || current.Turns.Count < leavingCount
                ? null
                : current with { Turns = current.Turns.Skip(leavingCount).ToList(), Summary = summary, SummarizedTurns = current.SummarizedTurns + leavingCount },
            cancellationToken);
        return folded ?? appended;
    }

    private async Task<string> SummarizeAsync(string? previous, IReadOnlyList<ConversationTurn> leaving, CancellationToken cancellationToken)
    {
        var response = await llm.TryGetResponseAsync(
            ConversationPrompts.Summary(previous, leaving.Select(t => new QuotedTurn(t.StandaloneQuestion, t.Answer)).ToList()),
            new ChatOptions { MaxOutputTokens = 200, Temperature = 0 }, SummaryBudget, cancellationToken);
        if (!string.IsNullOrWhiteSpace(response?.Text))
        {
            return response.Text.Trim();
        }
        return WithoutModel(previous, leaving);
    }

    internal static string WithoutModel(string? previous, IReadOnlyList<ConversationTurn> leaving)
    {
        var questions = string.Join("; ", leaving.Select(t => t.StandaloneQuestion));
        return previous is { Length: > 0 } ? $"{previous} Then asked: {questions}" : $"Earlier questions: {questions}";
    }
}
