using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Library;
using TacticalRag.Api.Storage.Files;
using TacticalRag.Api.Storage.Postgres;
using TacticalRag.Api.Storage.Redis;

namespace TacticalRag.Api.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The Aspire resource name of the Redis the AppHost provides.</summary>
    public const string RedisConnectionName = "cache";

    /// <summary>
    /// Registers <see cref="ILibraryStore"/>, <see cref="IConversationStore"/> and <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>:
    /// on Redis when <c>ConnectionStrings:cache</c> is set (through Aspire's client, which adds its health check and
    /// tracing), else on the local data folder and memory.
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .PostConfigure(options => options.DataPath = Path.GetFullPath(options.DataPath, contentRoot))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ConversationStorageOptions>()
            .BindConfiguration(ConversationStorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddExceptionHandler<StorageUnavailableHandler>();

        builder.Services.AddOptions<LibraryEngineOptions>()
            .BindConfiguration(LibraryEngineOptions.SectionName)
            .Configure(options => options.ConnectionString = builder.Configuration.GetConnectionString(LibraryEngineOptions.ConnectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var engine = builder.Configuration.GetSection(LibraryEngineOptions.SectionName).GetValue<LibraryEngine?>(nameof(LibraryEngineOptions.Engine));
        var postgres = engine == LibraryEngine.PostgreSQL;
        if (postgres)
        {
            builder.Services.AddPostgresLibrary();
        }

        var connectionString = builder.Configuration.GetConnectionString(RedisConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (postgres)
            {
                builder.Services.AddDistributedMemoryCache();
                AddAnnouncement(builder.Services, redisEndpoints: null);
                return builder;
            }
            builder.Services.AddSingleton<ILibraryStore, FileLibraryStore>();
            builder.Services.AddSingleton<FileConversationStore>();
            builder.Services.AddSingleton<IConversationStore>(provider => provider.GetRequiredService<FileConversationStore>());
            builder.Services.AddHostedService<FileConversationSweeper>();
            builder.Services.AddDistributedMemoryCache();
            AddAnnouncement(builder.Services, redisEndpoints: null);
            return builder;
        }

        // Aspire's Redis check reports Unhealthy; ours says Degraded, because the API keeps serving without Redis.
        builder.AddRedisClient(RedisConnectionName, settings => settings.DisableHealthChecks = true);
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        if (!postgres)
        {
            builder.Services.AddSingleton<ILibraryStore, RedisLibraryStore>();
            builder.Services.AddSingleton<IConversationStore, RedisConversationStore>();
        }
        builder.Services.AddSingleton(provider => new RedisCache(provider.GetRequiredService<IOptions<RedisCacheOptions>>()));
        builder.Services.AddSingleton<IDistributedCache>(provider => new OutageTolerantCache(
            provider.GetRequiredService<RedisCache>(), provider.GetRequiredService<ILogger<OutageTolerantCache>>()));
        // One connection for everything: the cache borrows the multiplexer Aspire registered (and instruments).
        builder.Services.AddOptions<RedisCacheOptions>()
            .Configure<IConnectionMultiplexer, IOptions<StorageOptions>>((cache, redis, storage) =>
            {
                cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
                cache.InstanceName = storage.Value.KeyPrefix + "cache:";
            });
        // Endpoints only: the connection string may carry a password.
        var endpoints = string.Join(", ", ConfigurationOptions.Parse(connectionString).EndPoints.Select(EndPointCollection.ToString));
        AddAnnouncement(builder.Services, endpoints);
        return builder;
    }

    private static void AddAnnouncement(IServiceCollection services, string? redisEndpoints) =>
        services.AddHostedService(provider => new StorageAnnouncement(
            redisEndpoints,
            provider.GetRequiredService<IOptions<StorageOptions>>(),
            provider.GetRequiredService<IOptions<LibraryEngineOptions>>(),
            provider.GetRequiredService<ILogger<StorageAnnouncement>>()));
}
