using System.Text;
using Microsoft.Extensions.AI;

namespace TacticalRag.Api.Llm;

/// <summary>
/// What one request asks of a backend, and how to read what it streams back: the client libraries' updates (the
/// <see cref="IChatClient"/> the rest of the API uses) or the gateway's own <see cref="WireDelta"/>. The failover rules
/// (<see cref="BackendFailoverChatClient"/>, <see cref="StrictStream{T}"/>) are the same for both.
/// </summary>
internal abstract class BackendCall<T>
{
    public abstract IAsyncEnumerator<T> Start(LlmBackend backend, CancellationToken cancellationToken);

    public abstract bool HasText(T update);

    /// <summary>Whether the update carries the backend's finish reason (the end of a complete answer).</summary>
    public abstract bool IsFinish(T update);

    /// <summary>Whether every read from this backend honours the token; otherwise each read is raced against it.</summary>
    public abstract bool ReadsUnderToken(LlmBackend backend);

    /// <summary>Whether updates without text before the first token are kept and passed on (the client libraries' role-only updates).</summary>
    public abstract bool HoldsPrelude { get; }
}

/// <summary>Messages through a backend's <see cref="IChatClient"/>.</summary>
internal sealed class ChatClientCall(IReadOnlyList<ChatMessage> messages, ChatOptions options) : BackendCall<ChatResponseUpdate>
{
    public override IAsyncEnumerator<ChatResponseUpdate> Start(LlmBackend backend, CancellationToken cancellationToken)
    {
        var requestOptions = options.Clone();
        requestOptions.ModelId = backend.Model;
        return backend.Client.GetStreamingResponseAsync(messages, requestOptions, cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    public override bool HasText(ChatResponseUpdate update) => !string.IsNullOrEmpty(update.Text);

    public override bool IsFinish(ChatResponseUpdate update) => update.FinishReason is not null;

    public override bool ReadsUnderToken(LlmBackend backend) => false;

    public override bool HoldsPrelude => true;
}

/// <summary>One prompt straight over the backend's wire (<see cref="BackendWire"/>); a backend without one (a test's scripted client) through its chat client.</summary>
internal sealed class WireCall(LlmPrompt prompt) : BackendCall<WireDelta>
{
    public override IAsyncEnumerator<WireDelta> Start(LlmBackend backend, CancellationToken cancellationToken) =>
        backend.Wire is { } wire ? wire.Open(backend.Name, prompt, cancellationToken) : ThroughChatClient(backend, cancellationToken);

    public override bool HasText(WireDelta update) => update.HasText;

    public override bool IsFinish(WireDelta update) => update.Finished;

    /// <summary>The wire reader does; a chat client may not.</summary>
    public override bool ReadsUnderToken(LlmBackend backend) => backend.Wire is not null;

    public override bool HoldsPrelude => false;

    private async IAsyncEnumerator<WireDelta> ThroughChatClient(LlmBackend backend, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            ModelId = backend.Model,
            MaxOutputTokens = prompt.MaxTokens,
            Temperature = prompt.Temperature,
            TopP = prompt.TopP,
            TopK = prompt.TopK,
        };
        await foreach (var update in backend.Client.GetStreamingResponseAsync(prompt.Text, options, cancellationToken).WithCancellation(cancellationToken))
        {
            if (!string.IsNullOrEmpty(update.Text) || update.FinishReason is not null)
            {
                yield return new WireDelta(Encoding.UTF8.GetBytes(update.Text ?? ""), update.FinishReason?.Value);
            }
        }
    }
}
