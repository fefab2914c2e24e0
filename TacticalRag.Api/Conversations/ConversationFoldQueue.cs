using System.Threading.Channels;

namespace TacticalRag.Api.Conversations;

/// <summary>
/// Conversations whose oldest turns slid out of the window and wait to be folded into the summary. Bounded: when it
/// overflows the oldest request is dropped, which only defers that fold (the next turn folds every turn still waiting).
/// </summary>
public sealed class ConversationFoldQueue
{
    private readonly Channel<Conversation> _pending = Channel.CreateBounded<Conversation>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Enqueue(Conversation conversation) => _pending.Writer.TryWrite(conversation);

    public IAsyncEnumerable<Conversation> ReadAllAsync(CancellationToken cancellationToken) => _pending.Reader.ReadAllAsync(cancellationToken);
}
