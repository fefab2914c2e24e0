using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using TacticalRag.AppHost.Gpu;
using TacticalRag.AppHost.Topology;

namespace TacticalRag.AppHost.Reranker;

/// <summary>
/// Adds the optional cross-encoder reranker (text-embeddings-inference) and points the API at it. The API uses it per
/// search while it is up and ranks by fusion when it is not, so nothing waits for it.
/// </summary>
public static class RerankerBuilderExtensions
{
    public const string Executable = "text-embeddings-router";

    /// <summary>TEI's model cache inside its images (<c>HUGGINGFACE_HUB_CACHE</c>).</summary>
    private const string ModelCachePath = "/data";

    /// <summary>
    /// The TEI container serving <paramref name="model"/> on port 80, its model cache on a volume, a <c>/health</c>
    /// check. TEI ships one image per device: the GPU image (with the GPU flags) when <paramref name="gpu"/> is on,
    /// else the CPU image; the choice is read when the model is built, as an image tag cannot wait for a parameter.
    /// </summary>
    public static IResourceBuilder<RerankerResource> AddReranker(
        this IDistributedApplicationBuilder builder,
        string name,
        IResourceBuilder<ParameterResource> model,
        IResourceBuilder<ParameterResource> gpu,
        IResourceBuilder<ParameterResource>? huggingFaceToken = null)
    {
        var onGpu = builder.IsSwitchOn(gpu.Resource.Name, defaultValue: true);
        var reranker = builder.AddResource(new RerankerResource(name, model.Resource))
            .WithImage(ContainerImageTags.TeiImage, onGpu ? ContainerImageTags.TeiGpuTag : ContainerImageTags.TeiCpuTag)
            .WithImageRegistry(ContainerImageTags.TeiRegistry)
            .WithHttpEndpoint(targetPort: RerankerResource.DefaultPort, name: RerankerResource.HttpEndpointName)
            .WithArgs(context =>
            {
                context.Args.Add("--model-id");
                context.Args.Add(model.Resource);
            })
            .WithHttpHealthCheck("/health");
        reranker.WithVolume(VolumeNameGenerator.Generate(reranker, "models"), ModelCachePath);
        if (onGpu)
        {
            reranker.WithGpuSupport(gpu);
        }
        return huggingFaceToken is null ? reranker : reranker.WithEnvironment("HF_TOKEN", huggingFaceToken);
    }

    /// <summary><c>text-embeddings-router</c> from a local install, on loopback at the port Aspire allocates.</summary>
    public static IResourceBuilder<RerankerExecutableResource> AddRerankerExecutable(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> model)
    {
        var reranker = builder.AddResource(new RerankerExecutableResource(name, builder.AppHostDirectory, model.Resource))
            .WithHttpEndpoint(name: RerankerResource.HttpEndpointName);
        var endpoint = reranker.Resource.HttpEndpoint;
        return reranker
            .WithArgs(context =>
            {
                context.Args.Add("--model-id");
                context.Args.Add(model.Resource);
                context.Args.Add("--hostname");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--port");
                context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHttpHealthCheck("/health");
    }

    /// <summary>
    /// Service discovery for the reranker and <c>RERANKER_HOST</c>, <c>RERANKER_FORMAT</c> and <c>RERANKER_MODEL</c>;
    /// nothing when it was left out, so the API then runs without one. No <c>WaitFor</c>: the reranker is optional.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReranker(
        this IResourceBuilder<ProjectResource> api, ServiceDependency? reranker, IResourceBuilder<ParameterResource> model)
    {
        if (reranker is null)
        {
            return api;
        }
        return api
            .WithReference(reranker)
            .WithEnvironment("RERANKER_HOST", $"http://{reranker.Resource.Name}")
            .WithEnvironment("RERANKER_FORMAT", "tei")
            .WithEnvironment("RERANKER_MODEL", model);
    }
}
