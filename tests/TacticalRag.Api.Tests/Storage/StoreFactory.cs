using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TacticalRag.Api.Storage;
using TacticalRag.Api.Storage.Redis;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>Stores built the way the API builds them, with a fast change poll so tests wait little.</summary>
internal static class StoreFactory
{
    public static IOptions<StorageOptions> Options(string keyPrefix = "trag:", string dataPath = "data") =>
        Microsoft.Extensions.Options.Options.Create(new StorageOptions
        {
            KeyPrefix = keyPrefix,
            DataPath = dataPath,
            ChangePollInterval = TimeSpan.FromMilliseconds(25),
        });

    public static string NewKeyPrefix() => $"test-{Guid.NewGuid():N}:";

    public static RedisLibraryStore Redis(IConnectionMultiplexer redis, string keyPrefix) =>
        new(redis, Options(keyPrefix: keyPrefix), NullLogger<RedisLibraryStore>.Instance);
}
