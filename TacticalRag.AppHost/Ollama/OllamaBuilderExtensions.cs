using Aspire.Hosting;
using TacticalRag.AppHost.ModelServers;

namespace TacticalRag.AppHost.Ollama;

/// <summary>Adds an Ollama server through the model-server kit: as a container, or as a local <c>ollama serve</c> process.</summary>
public static class OllamaBuilderExtensions
{
    private static readonly ModelServerImage Image = new(
        ContainerImageTags.Registry, ContainerImageTags.OllamaImage, ContainerImageTags.OllamaTag, OllamaResource.DefaultPort,
        CacheVolume: "data", CachePath: "/root/.ollama");

    /// <summary>Adds the Ollama container on port 11434 with its model store on a volume (models download once).</summary>
    public static IResourceBuilder<OllamaResource> AddOllama(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new OllamaResource(name)).AsModelServerContainer(Image, healthPath: "/");

    /// <summary>Adds <c>ollama serve</c> from a local install, listening on loopback on the port Aspire allocates.</summary>
    public static IResourceBuilder<OllamaExecutableResource> AddOllamaExecutable(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new OllamaExecutableResource(name, builder.AppHostDirectory))
            .AsLocalModelServer(healthPath: "/", arguments: _ => ["serve"], listenVariable: "OLLAMA_HOST");
}
