namespace TacticalRag.Api.Conversations;

/// <summary>
/// What one stored conversation may hold (<see cref="ConversationOptions.MaxTurnChars"/>,
/// <see cref="ConversationOptions.MaxSummaryChars"/>), applied to every turn and summary before it is kept or put into a
/// prompt, whoever wrote it: a client sending its whole history, the model, or the plain fold without a model.
/// </summary>
public static class ConversationLimits
{
    private const string Cut = "…";

    /// <summary>The turn with its question, standalone question and answer each cut to <paramref name="maxChars"/>.</summary>
    public static ConversationTurn Cap(ConversationTurn turn, int maxChars) =>
        turn.Question.Length <= maxChars && turn.StandaloneQuestion.Length <= maxChars && turn.Answer.Length <= maxChars
            ? turn
            : turn with { Question = Head(turn.Question, maxChars), StandaloneQuestion = Head(turn.StandaloneQuestion, maxChars), Answer = Head(turn.Answer, maxChars) };

    /// <summary>A summary keeps its most recent end: the fold without a model appends what was asked last.</summary>
    public static string? CapSummary(string? summary, int maxChars) =>
        summary is null || summary.Length <= maxChars ? summary : Cut + summary[^(maxChars - Cut.Length)..];

    /// <summary>Every turn and the summary of <paramref name="conversation"/> within the limits of <paramref name="options"/>.</summary>
    public static Conversation Cap(Conversation conversation, ConversationOptions options) => conversation with
    {
        Turns = [.. conversation.Turns.Select(t => Cap(t, options.MaxTurnChars))],
        Summary = CapSummary(conversation.Summary, options.MaxSummaryChars),
    };

    private static string Head(string text, int maxChars) => text.Length <= maxChars ? text : text[..(maxChars - Cut.Length)] + Cut;
}
