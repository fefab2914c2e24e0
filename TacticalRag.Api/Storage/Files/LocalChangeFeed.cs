using System.Runtime.CompilerServices;
using System.Threading.Channels;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Storage.Files;

/// <summary>
/// The file store's change stream: without Redis there is only this process, so its own changes are all there is
/// to follow. Each watcher gets its own channel, registered when WatchAsync is called.
/// </summary>
internal sealed class LocalChangeFeed
{
    private readonly Lock _gate = new();
    private readonly List<Channel<LibraryChange>> _watchers = [];

    public void Publish(LibraryChange change)
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(change);
            }
        }
    }

    public IAsyncEnumerable<LibraryChange> Watch(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<LibraryChange>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            _watchers.Add(channel);
        }
        // A watcher that is cancelled without ever being enumerated must not keep collecting changes.
        var registration = cancellationToken.Register(() => Remove(channel));
        return ReadAsync(channel, registration, cancellationToken);
    }

    private async IAsyncEnumerable<LibraryChange> ReadAsync(
        Channel<LibraryChange> channel,
        CancellationTokenRegistration registration,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return change;
            }
        }
        finally
        {
            await registration.DisposeAsync();
            Remove(channel);
        }
    }

    private void Remove(Channel<LibraryChange> channel)
    {
        lock (_gate)
        {
            _watchers.Remove(channel);
        }
    }
}
