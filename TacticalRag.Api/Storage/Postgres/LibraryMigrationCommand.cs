using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Library;
using TacticalRag.Api.Storage.Files;
using TacticalRag.Api.Storage.Redis;

namespace TacticalRag.Api.Storage.Postgres;

/// <summary>
/// <c>TacticalRag.Api migrate-library [--Setting=value ...]</c>: copies the embedded library this configuration
/// points at (Redis at <c>ConnectionStrings:cache</c>, else the folder <c>Storage:DataPath</c>) into the PostgreSQL
/// database at <c>ConnectionStrings:library</c>, with the API's usual configuration sources (appsettings,
/// environment, arguments). Exit code 0 when done, 1 on failure, 2 on a configuration error.
/// </summary>
public static class LibraryMigrationCommand
{
    public const string Name = "migrate-library";

    public static async Task<int> RunAsync(string[] args, TimeProvider time)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("migrate-library");
        var configuration = builder.Configuration;
        var targetConnection = configuration.GetConnectionString(LibraryEngineOptions.ConnectionName);
        if (string.IsNullOrWhiteSpace(targetConnection))
        {
            logger.LogError("ConnectionStrings:{Name} is not set: give the PostgreSQL database to migrate the library into.", LibraryEngineOptions.ConnectionName);
            return 2;
        }
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        storage.DataPath = Path.GetFullPath(storage.DataPath, builder.Environment.ContentRootPath);
        var redisConnection = configuration.GetConnectionString(StorageServiceCollectionExtensions.RedisConnectionName);
        var modelName = configuration[$"{EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.Model)}"];

        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };
        IConnectionMultiplexer? redis = null;
        try
        {
            ILibraryStore source;
            if (string.IsNullOrWhiteSpace(redisConnection))
            {
                if (!Directory.Exists(storage.DataPath))
                {
                    logger.LogError("Storage:DataPath {Folder} does not exist and ConnectionStrings:cache is not set: there is no embedded library to migrate.", storage.DataPath);
                    return 2;
                }
                logger.LogInformation("Migrating the library in the folder {Folder} into PostgreSQL", storage.DataPath);
                source = new FileLibraryStore(Options.Create(storage));
            }
            else
            {
                redis = await ConnectionMultiplexer.ConnectAsync(redisConnection);
                logger.LogInformation("Migrating the library in Redis (keys under '{Prefix}') into PostgreSQL", storage.KeyPrefix);
                source = new RedisLibraryStore(redis, Options.Create(storage), host.Services.GetRequiredService<ILogger<RedisLibraryStore>>());
            }
            var model = EmbeddingModel.Find(await source.GetEmbeddingModelAsync(stopping.Token))
                ?? EmbeddingModel.Find(modelName) ?? EmbeddingOptions.DefaultModel;
            await using var target = new PostgresLibraryDatabase(targetConnection, null, model.Dimensions);
            var result = await new LibraryMigration(source, target, logger, time).RunAsync(stopping.Token);
            logger.LogInformation(
                "Library migrated: {Documents} documents, {Copied} copied ({Chunks} chunks, {Vectors} vectors), {Skipped} already there. Start the API with Library:Engine=PostgreSQL.",
                result.Documents, result.Copied, result.Chunks, result.Vectors, result.Skipped);
            return 0;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogWarning("Migration interrupted; run the command again to resume (documents already copied are skipped).");
            return 1;
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or RedisException or IOException)
        {
            logger.LogError("Migration failed: {Problem}. Run the command again to resume (documents already copied are skipped).", exception.Message);
            return 1;
        }
        finally
        {
            redis?.Dispose();
        }
    }
}
