using Microsoft.Extensions.Options;
using TacticalRag.Api.Storage.Postgres;

namespace TacticalRag.Api.Storage;

/// <summary>
/// Says once, at start, where this replica keeps the library, so a missing Redis is never a surprise: PostgreSQL
/// (server and database, reads' server where a read replica is set; never a password), Redis, or the local folder.
/// </summary>
internal sealed partial class StorageAnnouncement(
    string? redisEndpoints,
    IOptions<StorageOptions> options,
    IOptions<LibraryEngineOptions> engine,
    ILogger<StorageAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (engine.Value.Engine == LibraryEngine.PostgreSQL)
        {
            var reads = string.IsNullOrWhiteSpace(engine.Value.ReadConnection) ? "the same server" : PostgresLibraryDatabase.Describe(engine.Value.ReadConnection);
            var caches = redisEndpoints is null ? "memory" : $"Redis at {redisEndpoints} (keys under '{options.Value.KeyPrefix}')";
            LogPostgres(logger, PostgresLibraryDatabase.Describe(engine.Value.ConnectionString), reads, caches);
        }
        else if (redisEndpoints is not null)
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
        Message = "Storage: PostgreSQL at {Server} holds the library and conversations (Library:Engine=PostgreSQL; searches read from {Reads}); caches in {Caches}")]
    private static partial void LogPostgres(ILogger logger, string server, string reads, string caches);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Storage: Redis at {Endpoints} (keys under '{KeyPrefix}') holds the library, conversations and caches")]
    private static partial void LogRedis(ILogger logger, string endpoints, string keyPrefix);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Storage: no ConnectionStrings:cache, so the library and conversations are kept in the local folder {DataPath} and caches in memory")]
    private static partial void LogFolder(ILogger logger, string dataPath);
}
