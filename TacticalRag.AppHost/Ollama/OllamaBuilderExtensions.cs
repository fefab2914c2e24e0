using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace TacticalRag.AppHost.Ollama;

/// <summary>Adds an Ollama server: as a container, or as a local <c>ollama serve</c> process.</summary>
public static class OllamaBuilderExtensions
{
    private const string ModelStorePath = "/root/.ollama";

    /// <summary>Adds the Ollama container on port 11434 with its model store on a volume (models download once).</summary>
    public static IResourceBuilder<OllamaResource> AddOllama(this IDistributedApplicationBuilder builder, string name)
    {
        var ollama = builder.AddResource(new OllamaResource(name))
            .WithImage(ContainerImageTags.OllamaImage, ContainerImageTags.OllamaTag)
            .WithImageRegistry(ContainerImageTags.Registry)
            .WithHttpEndpoint(targetPort: OllamaResource.DefaultPort, name: OllamaResource.HttpEndpointName)
            .WithHttpHealthCheck("/");
        return ollama.WithVolume(VolumeNameGenerator.Generate(ollama, "data"), ModelStorePath);
    }

    /// <summary>Adds <c>ollama serve</c> from a local install, listening on loopback on the port Aspire allocates.</summary>
    public static IResourceBuilder<OllamaExecutableResource> AddOllamaExecutable(
        this IDistributedApplicationBuilder builder, string name)
    {
        var ollama = builder.AddResource(new OllamaExecutableResource(name, builder.AppHostDirectory))
            .WithHttpEndpoint(name: OllamaResource.HttpEndpointName)
            .WithArgs("serve");
        var endpoint = ollama.Resource.HttpEndpoint;
        return ollama
            .WithEnvironment(context => context.EnvironmentVariables["OLLAMA_HOST"] =
                ReferenceExpression.Create($"127.0.0.1:{endpoint.Property(EndpointProperty.TargetPort)}"))
            .WithHttpHealthCheck("/");
    }
}
