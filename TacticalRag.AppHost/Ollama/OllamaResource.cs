using Aspire.Hosting.ApplicationModel;
using TacticalRag.AppHost.ModelServers;

namespace TacticalRag.AppHost.Ollama;

/// <summary>An Ollama server, whether it runs in a container or as a local process: one that can be made to hold a model.</summary>
public interface IOllamaServerResource : IModelServerResource;

/// <summary>Ollama in the <c>ollama/ollama</c> container.</summary>
public sealed class OllamaResource(string name) : ContainerResource(name), IOllamaServerResource
{
    public const int DefaultPort = 11434;

    public EndpointReference HttpEndpoint => new(this, ModelServerHosting.HttpEndpointName);
}

/// <summary>Ollama from a local install (<c>ollama serve</c>) when no container runtime is available.</summary>
public sealed class OllamaExecutableResource(string name, string workingDirectory)
    : ExecutableResource(name, "ollama", workingDirectory), IOllamaServerResource
{
    public EndpointReference HttpEndpoint => new(this, ModelServerHosting.HttpEndpointName);
}
