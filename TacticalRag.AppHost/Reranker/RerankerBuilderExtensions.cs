using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using TacticalRag.AppHost.Gpu;
using TacticalRag.AppHost.ModelServers;
using TacticalRag.AppHost.Topology;

namespace TacticalRag.AppHost.Reranker;

/// <summary>
/// Adds the optional cross-encoder reranker (text-embeddings-inference) and points the API at it. The API uses it per
/// search while it is up and ranks by fusion when it is not, so nothing waits for it.
/// </summary>
public static class RerankerBuilderExtensions
{
    public const string Executable = "text-embeddings-router";

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
        // TEI's model cache inside its images is /data (HUGGINGFACE_HUB_CACHE).
        var image = new ModelServerImage(ContainerImageTags.TeiRegistry, ContainerImageTags.TeiImage,
            onGpu ? ContainerImageTags.TeiGpuTag : ContainerImageTags.TeiCpuTag, RerankerResource.DefaultPort, CacheVolume: "models", CachePath: "/data");
        var reranker = builder.AddResource(new RerankerResource(name, model.Resource))
            .AsModelServerContainer(image, healthPath: "/health", arguments: () => ["--model-id", model.Resource]);
        if (onGpu)
        {
            reranker.WithGpuSupport(gpu);
        }
        return huggingFaceToken is null ? reranker : reranker.WithEnvironment("HF_TOKEN", huggingFaceToken);
    }

    /// <summary><c>text-embeddings-router</c> from a local install, on loopback at the port Aspire allocates.</summary>
    public static IResourceBuilder<RerankerExecutableResource> AddRerankerExecutable(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> model) =>
        builder.AddResource(new RerankerExecutableResource(name, builder.AppHostDirectory, model.Resource))
            .AsLocalModelServer(healthPath: "/health",
                arguments: port => ["--model-id", model.Resource, "--hostname", "127.0.0.1", "--port", port]);

    /// <summary>
    /// Service discovery for the reranker and <c>RERANKER_HOST</c>, <c>RERANKER_FORMAT</c> and <c>RERANKER_MODEL</c>;
    /// nothing when it was left out, so the API then runs without one. No <c>WaitFor</c>: the reranker is optional.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReranker(
        this IResourceBuilder<ProjectResource> api, ServiceDependency? reranker, IResourceBuilder<ParameterResource> model) =>
        api.WithModelServer(reranker,
            ("RERANKER_HOST", $"http://{reranker?.Resource.Name}"), ("RERANKER_FORMAT", "tei"), ("RERANKER_MODEL", model));
}
