using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>One redis-server for the storage tests; each test keeps to its own key prefix.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}
