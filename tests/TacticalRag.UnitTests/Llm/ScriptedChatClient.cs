using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace TacticalRag.UnitTests.Llm;

/// <summary>An in-memory backend for the failover logic: streams the given tokens, optionally failing before or after some or ending without a finish reason.</summary>
internal sealed class ScriptedChatClient(string[] tokens, Exception? failBeforeFirst = null, int? failAfterTokens = null, Exception? failure = null, bool finish = true) : IChatClient
{
    public int Calls { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls++;
        await Task.Yield();
        if (failBeforeFirst is not null)
        {
            throw failBeforeFirst;
        }
        yield return new ChatResponseUpdate(ChatRole.Assistant, (string?)null) { ModelId = options?.ModelId };
        for (var i = 0; i < tokens.Length; i++)
        {
            if (failAfterTokens == i)
            {
                throw failure ?? new IOException("connection reset");
            }
            yield return new ChatResponseUpdate(ChatRole.Assistant, tokens[i]) { ModelId = options?.ModelId };
        }
        // A complete answer ends with a finish reason, as both real backends' streams do; the gateway requires it.
        if (!finish)
        {
            yield break;
        }
        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, FinishReason = ChatFinishReason.Stop, ModelId = options?.ModelId };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
