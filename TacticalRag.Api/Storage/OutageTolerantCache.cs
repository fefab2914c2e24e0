using Microsoft.Extensions.Caching.Distributed;

namespace TacticalRag.Api.Storage;

/// <summary>
/// The caches (embeddings, answers, examples) only save work, so a Redis outage turns them into misses instead of
/// failing the search or the answer that used them.
/// </summary>
internal sealed partial class OutageTolerantCache(IDistributedCache inner, ILogger<OutageTolerantCache> logger) : IDistributedCache
{
    public byte[]? Get(string key) => Try(() => inner.Get(key), default(byte[]));

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        await TryAsync(() => inner.GetAsync(key, token), default(byte[]));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Try(() => { inner.Set(key, value, options); return true; }, false);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        TryAsync(async () => { await inner.SetAsync(key, value, options, token); return true; }, false);

    public void Refresh(string key) => Try(() => { inner.Refresh(key); return true; }, false);

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        TryAsync(async () => { await inner.RefreshAsync(key, token); return true; }, false);

    public void Remove(string key) => Try(() => { inner.Remove(key); return true; }, false);

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        TryAsync(async () => { await inner.RemoveAsync(key, token); return true; }, false);

    private T Try<T>(Func<T> action, T fallback)
    {
        try
        {
            return action();
        }
        catch (Exception exception) when (StorageFailures.IsUnavailable(exception))
        {
            LogMiss(logger, exception.GetType().Name);
            return fallback;
        }
    }

    private async Task<T> TryAsync<T>(Func<Task<T>> action, T fallback)
    {
        try
        {
            return await action();
        }
        catch (Exception exception) when (StorageFailures.IsUnavailable(exception))
        {
            LogMiss(logger, exception.GetType().Name);
            return fallback;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cache unavailable ({Exception}); treated as a miss")]
    private static partial void LogMiss(ILogger logger, string exception);
}
