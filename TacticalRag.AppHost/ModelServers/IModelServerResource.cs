using Aspire.Hosting.ApplicationModel;

namespace TacticalRag.AppHost.ModelServers;

/// <summary>A model server (vLLM, Ollama, the reranker, the embedding server), in a container or as a local process.</summary>
public interface IModelServerResource : IResourceWithServiceDiscovery
{
    /// <summary>The one endpoint every model server has: its HTTP API, named <see cref="ModelServerHosting.HttpEndpointName"/>.</summary>
    EndpointReference HttpEndpoint { get; }
}
