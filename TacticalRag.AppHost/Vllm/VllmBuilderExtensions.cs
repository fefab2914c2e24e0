using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using TacticalRag.AppHost.ModelServers;

namespace TacticalRag.AppHost.Vllm;

/// <summary>Adds vLLM's OpenAI-compatible server through the model-server kit: as a container, or as a local <c>vllm serve</c> process.</summary>
public static class VllmBuilderExtensions
{
    private static readonly ModelServerImage Image = new(
        ContainerImageTags.Registry, ContainerImageTags.VllmImage, ContainerImageTags.VllmTag, VllmResource.DefaultPort,
        CacheVolume: "hf-cache", CachePath: "/root/.cache/huggingface");

    /// <summary>
    /// Adds the vLLM container serving <paramref name="model"/> on port 8000, with a Hugging Face cache volume
    /// (weights download once) and a <c>/health</c> check. vLLM answers nothing while it loads the model,
    /// so the check stays unhealthy for minutes on a first start: that is expected.
    /// </summary>
    public static IResourceBuilder<VllmResource> AddVllm(
        this IDistributedApplicationBuilder builder,
        string name,
        IResourceBuilder<ParameterResource> model,
        IResourceBuilder<ParameterResource>? huggingFaceToken = null)
    {
        var options = ReadOptions(builder);
        var vllm = builder.AddResource(new VllmResource(name, model.Resource))
            .AsModelServerContainer(Image, healthPath: "/health", arguments: () => ["--model", model.Resource, .. options.ToEngineArguments()]);
        return huggingFaceToken is null ? vllm : vllm.WithHuggingFaceToken(huggingFaceToken);
    }

    /// <summary>Passes the token for gated models (Llama) under both names that vLLM's Hugging Face client reads.</summary>
    public static IResourceBuilder<VllmResource> WithHuggingFaceToken(
        this IResourceBuilder<VllmResource> builder, IResourceBuilder<ParameterResource> token) =>
        builder
            .WithEnvironment("HF_TOKEN", token)
            .WithEnvironment("HUGGING_FACE_HUB_TOKEN", token);

    /// <summary>Adds <c>vllm serve</c> from a local install, for machines with a GPU but no container runtime.</summary>
    public static IResourceBuilder<VllmExecutableResource> AddVllmExecutable(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> model)
    {
        var options = ReadOptions(builder);
        return builder.AddResource(new VllmExecutableResource(name, builder.AppHostDirectory, model.Resource))
            .AsLocalModelServer(healthPath: "/health",
                arguments: port => ["serve", model.Resource, "--host", "127.0.0.1", "--port", port, .. options.ToEngineArguments()]);
    }

    private static VllmOptions ReadOptions(IDistributedApplicationBuilder builder) =>
        AppHostSettings.Read<VllmOptions>(builder.Configuration, VllmOptions.SectionName);
}
