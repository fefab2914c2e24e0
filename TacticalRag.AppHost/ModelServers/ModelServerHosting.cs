using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

using TacticalRag.AppHost.Topology;

namespace TacticalRag.AppHost.ModelServers;

/// <summary>A model server's container image and what it needs: the port its image listens on and its model cache.</summary>
/// <param name="CacheVolume">The volume's name suffix (<c>hf-cache</c>): weights download once.</param>
/// <param name="CachePath">Where the image keeps downloaded models.</param>
public sealed record ModelServerImage(string Registry, string Image, string Tag, int Port, string CacheVolume, string CachePath);

/// <summary>
/// The one way the AppHost runs a model server, as a container or as a local executable: the HTTP endpoint, the
/// arguments (read when the run starts, as a parameter's value is known only then), a health check on the server's
/// readiness path, and for a container its model cache on a volume; for a local process, loopback at the port Aspire
/// allocates. Each server says only what is its own: image, port, arguments, how it is told where to listen.
/// </summary>
public static class ModelServerHosting
{
    public const string HttpEndpointName = "http";

    /// <summary>The container: <paramref name="image"/>, its port as the HTTP endpoint, <paramref name="arguments"/>, the health check, the cache volume.</summary>
    public static IResourceBuilder<T> AsModelServerContainer<T>(
        this IResourceBuilder<T> server, ModelServerImage image, string healthPath, Func<IEnumerable<object>>? arguments = null)
        where T : ContainerResource, IModelServerResource
    {
        server
            .WithImage(image.Image, image.Tag)
            .WithImageRegistry(image.Registry)
            .WithHttpEndpoint(targetPort: image.Port, name: HttpEndpointName)
            .WithArguments(arguments)
            .WithHttpHealthCheck(healthPath);
        return server.WithVolume(VolumeNameGenerator.Generate(server, image.CacheVolume), image.CachePath);
    }

    /// <summary>
    /// The local executable on loopback: <paramref name="arguments"/> get the port Aspire allocates (as the server's
    /// own flags spell it); a server told by its environment instead (Ollama's <c>OLLAMA_HOST</c>) names the variable
    /// in <paramref name="listenVariable"/>, which gets <c>127.0.0.1:port</c>.
    /// </summary>
    public static IResourceBuilder<T> AsLocalModelServer<T>(
        this IResourceBuilder<T> server, string healthPath,
        Func<EndpointReferenceExpression, IEnumerable<object>>? arguments = null, string? listenVariable = null)
        where T : ExecutableResource, IModelServerResource
    {
        server.WithHttpEndpoint(name: HttpEndpointName);
        var port = server.Resource.HttpEndpoint.Property(EndpointProperty.TargetPort);
        server.WithArguments(arguments is null ? null : () => arguments(port));
        if (listenVariable is not null)
        {
            server.WithEnvironment(context => context.EnvironmentVariables[listenVariable] = ReferenceExpression.Create($"127.0.0.1:{port}"));
        }
        return server.WithHttpHealthCheck(healthPath);
    }

    /// <summary>
    /// Points the API at a model server: service discovery for it and the environment variables the API's model-server
    /// kit maps onto its settings (<c>RERANKER_HOST</c>, <c>Embeddings__Endpoint</c>); nothing when it was left out.
    /// No <c>WaitFor</c>: model servers are optional, and the API serves without them.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithModelServer(
        this IResourceBuilder<ProjectResource> api, ServiceDependency? server,
        params IEnumerable<(string Variable, object Value)> environment)
    {
        if (server is null)
        {
            return api;
        }
        api.WithReference(server);
        foreach (var (variable, value) in environment)
        {
            _ = value switch
            {
                IResourceBuilder<ParameterResource> parameter => api.WithEnvironment(variable, parameter),
                string text => api.WithEnvironment(variable, text),
                _ => throw new ArgumentException($"{variable}: a parameter or a string, not {value.GetType().Name}.", nameof(environment)),
            };
        }
        return api;
    }

    private static IResourceBuilder<T> WithArguments<T>(this IResourceBuilder<T> server, Func<IEnumerable<object>>? arguments)
        where T : IResourceWithArgs =>
        arguments is null ? server : server.WithArgs(context =>
        {
            foreach (var argument in arguments())
            {
                context.Args.Add(argument);
            }
        });
}
