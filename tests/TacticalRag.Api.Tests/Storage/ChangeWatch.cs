using TacticalRag.Api.Library;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>A store's WatchAsync read with a deadline, reporting what did arrive when the expected changes don't.</summary>
internal sealed class ChangeWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(30));
    private readonly IAsyncEnumerator<LibraryChange> _changes;
    private readonly List<LibraryChange> _seen = [];

    public ChangeWatch(ILibraryStore store)
    {
        _changes = store.WatchAsync(_deadline.Token).GetAsyncEnumerator(_deadline.Token);
    }

    public async Task<IReadOnlyList<LibraryChange>> NextAsync(int count)
    {
        var received = new List<LibraryChange>();
        while (received.Count < count)
        {
            received.Add(await ReadOneAsync($"{count} changes"));
        }
        return received;
    }

    /// <summary>Skips changes until one matches; for stores shared with other writers.</summary>
    public async Task<LibraryChange> UntilAsync(Func<LibraryChange, bool> match, string what)
    {
        while (true)
        {
            var change = await ReadOneAsync(what);
            if (match(change))
            {
                return change;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _deadline.CancelAsync();
        await _changes.DisposeAsync();
        _deadline.Dispose();
    }

    private async Task<LibraryChange> ReadOneAsync(string what)
    {
        try
        {
            if (!await _changes.MoveNextAsync())
            {
                throw new InvalidOperationException($"The change stream ended while waiting for {what}.");
            }
        }
        catch (OperationCanceledException ex)
        {
            throw new TimeoutException($"Timed out waiting for {what}; seen so far: {string.Join(", ", _seen)}", ex);
        }
        _seen.Add(_changes.Current);
        return _changes.Current;
    }
}
