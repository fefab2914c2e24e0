using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Storage;

/// <summary>Says once, at start, where this replica keeps the library, so a missing Redis is never a surprise.</summary>
internal sealed partial class StorageAnnouncement(
    string? redisEndpoints,
    IOptions<StorageOptions> options,
    ILogger<StorageAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (redisEndpoints is not null)
        {
            LogRedis(logger, redisEndpoints, options.Value.KeyPrefix);
        }
        else
        {
            LogFolder(logger, options.Value.DataPath);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Storage: Redis at {Endpoints} (keys under '{KeyPrefix}') holds the library, conversations and caches")]
    private static partial void LogRedis(ILogger logger, string endpoints, string keyPrefix);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Storage: no ConnectionStrings:cache, so the library and conversations are kept in the local folder {DataPath} and caches in memory")]
    private static partial void LogFolder(ILogger logger, string dataPath);
}
