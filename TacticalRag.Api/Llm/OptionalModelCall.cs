using Microsoft.Extensions.AI;

namespace TacticalRag.Api.Llm;

/// <summary>
/// A model call a feature can do without (rewriting a follow-up, summarising a conversation, writing example
/// questions): it gets a time budget of its own, and "no backend answered", "the answer broke off" and "the budget ran
/// out" all come back as null, for the caller's way without a model. The caller's own cancellation still throws.
/// </summary>
public static class OptionalModelCall
{
    /// <summary>The model's response, or null when none came within <paramref name="budget"/> (<paramref name="skipped"/> hears why).</summary>
    public static async Task<ChatResponse?> TryGetResponseAsync(
        this IChatClient llm, IEnumerable<ChatMessage> messages, ChatOptions options, TimeSpan budget,
        CancellationToken cancellationToken, Action<Exception>? skipped = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(budget);
        try
        {
            return await llm.GetResponseAsync(messages, options, timeout.Token);
        }
        catch (Exception exception) when (exception is NoLlmBackendAvailableException or LlmStreamInterruptedException
            || exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            skipped?.Invoke(exception);
            return null;
        }
    }

    /// <inheritdoc cref="TryGetResponseAsync(IChatClient, IEnumerable{ChatMessage}, ChatOptions, TimeSpan, CancellationToken, Action{Exception}?)"/>
    public static Task<ChatResponse?> TryGetResponseAsync(
        this IChatClient llm, string prompt, ChatOptions options, TimeSpan budget, CancellationToken cancellationToken) =>
        llm.TryGetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options, budget, cancellationToken);
}
