using Aspire.Hosting.ApplicationModel;

namespace TacticalRag.AppHost.Redis;

/// <summary>
/// A local <c>redis-server</c> process standing in for the Redis container. Its connection string is the bare
/// <c>host:port</c> of its endpoint, so the API's <c>AddRedisClient("cache")</c> works unchanged.
/// </summary>
public sealed class RedisServerResource(string name, string workingDirectory)
    : ExecutableResource(name, "redis-server", workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
    [
        new("Host", ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Host)}")),
        new("Port", ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Port)}")),
        new("Uri", ReferenceExpression.Create($"redis://{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}")),
    ];
}
