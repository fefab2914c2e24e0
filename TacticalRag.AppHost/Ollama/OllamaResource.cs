using Aspire.Hosting.ApplicationModel;

namespace TacticalRag.AppHost.Ollama;

/// <summary>An Ollama server, whether it runs in a container or as a local process.</summary>
public interface IOllamaServerResource : IResourceWithServiceDiscovery
{
    EndpointReference HttpEndpoint { get; }
}

/// <summary>Ollama in the <c>ollama/ollama</c> container.</summary>
public sealed class OllamaResource(string name) : ContainerResource(name), IOllamaServerResource
{
    public const string HttpEndpointName = "http";
    public const int DefaultPort = 11434;

    public EndpointReference HttpEndpoint => new(this, HttpEndpointName);
}

/// <summary>Ollama from a local install (<c>ollama serve</c>) when no container runtime is available.</summary>
public sealed class OllamaExecutableResource(string name, string workingDirectory)
    : ExecutableResource(name, "ollama", workingDirectory), IOllamaServerResource
{
    public EndpointReference HttpEndpoint => new(this, OllamaResource.HttpEndpointName);
}
