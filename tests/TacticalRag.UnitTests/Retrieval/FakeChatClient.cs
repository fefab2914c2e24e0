using Microsoft.Extensions.AI;

namespace TacticalRag.UnitTests.Retrieval;

/// <summary>A model whose whole answer comes from a function of the last user message.</summary>
internal sealed class FakeChatClient(Func<string, CancellationToken, Task<string>> answer) : IChatClient
{
    public int Calls { get; private set; }

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        var text = await answer(messages.Last(m => m.Role == ChatRole.User).Text, cancellationToken);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
