using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Library;
using TacticalRag.Api.Storage;
using TacticalRag.Api.Storage.Files;
using TacticalRag.Api.Storage.Redis;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>AddStorage picks Redis when the AppHost gives a connection string, the local folder otherwise.</summary>
[Collection(RedisCollection.Name)]
public sealed class StorageSelectionTests(RedisServer redis) : IDisposable
{
    private readonly DirectoryInfo _contentRoot = Directory.CreateTempSubdirectory("trag-content-");

    public void Dispose() => _contentRoot.Delete(recursive: true);

    [Fact]
    public async Task WithoutARedisConnectionStringTheLibraryLivesInTheDataFolderUnderTheContentRoot()
    {
        using var host = Build(new Dictionary<string, string?>());
        await host.StartAsync();

        var store = host.Services.GetRequiredService<ILibraryStore>();
        Assert.IsType<FileLibraryStore>(store);
        Assert.IsType<FileConversationStore>(host.Services.GetRequiredService<IConversationStore>());
        Assert.IsType<MemoryDistributedCache>(host.Services.GetRequiredService<IDistributedCache>());
        var id = LibrarySamples.NewId();
        await store.TryAddDocumentAsync(LibrarySamples.Document(id), [], CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(_contentRoot.FullName, "data", "library", "documents", id + ".json")));
        await host.StopAsync();
    }

    [Fact]
    public async Task WithARedisConnectionStringTheStoresAndTheCacheShareOneRedisConnection()
    {
        var keyPrefix = StoreFactory.NewKeyPrefix();
        using var host = Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = redis.ConnectionString,
            ["Storage:KeyPrefix"] = keyPrefix,
        });
        await host.StartAsync();

        Assert.IsType<RedisLibraryStore>(host.Services.GetRequiredService<ILibraryStore>());
        Assert.IsType<RedisConversationStore>(host.Services.GetRequiredService<IConversationStore>());
        var cache = host.Services.GetRequiredService<IDistributedCache>();
        await cache.SetStringAsync("answer", "cached answer");
        Assert.Equal("cached answer", await cache.GetStringAsync("answer"));

        await using var probe = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        Assert.True(await probe.GetDatabase().KeyExistsAsync(keyPrefix + "cache:answer"));
        var cacheOptions = host.Services.GetRequiredService<IOptions<RedisCacheOptions>>().Value;
        Assert.Same(host.Services.GetRequiredService<IConnectionMultiplexer>(), await cacheOptions.ConnectionMultiplexerFactory!());
        await host.StopAsync();
    }

    [Fact]
    public void ARelativeDataPathIsResolvedAgainstTheContentRootAndAnAbsoluteOneIsKept()
    {
        var elsewhere = Path.Combine(_contentRoot.FullName, "elsewhere");
        using var relative = Build(new Dictionary<string, string?> { ["Storage:DataPath"] = "state/library" });
        using var absolute = Build(new Dictionary<string, string?> { ["Storage:DataPath"] = elsewhere });

        Assert.Equal(Path.Combine(_contentRoot.FullName, "state", "library"), relative.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DataPath);
        Assert.Equal(elsewhere, absolute.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DataPath);
    }

    private IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot.FullName });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStorage();
        return builder.Build();
    }
}
