using Aspire.Hosting.ApplicationModel;
using TacticalRag.AppHost.ModelServers;

namespace TacticalRag.AppHost.Reranker;

/// <summary>Hugging Face text-embeddings-inference serving a cross-encoder, in its container.</summary>
public sealed class RerankerResource(string name, ParameterResource model) : ContainerResource(name), IModelServerResource
{
    /// <summary>The port TEI's images listen on.</summary>
    public const int DefaultPort = 80;

    /// <summary>The cross-encoder it serves (a Hugging Face id, <c>--model-id</c>).</summary>
    public ParameterResource Model { get; } = model;

    public EndpointReference HttpEndpoint => new(this, ModelServerHosting.HttpEndpointName);
}

/// <summary>text-embeddings-inference from a local install (<c>text-embeddings-router</c>) when no container runtime is available.</summary>
public sealed class RerankerExecutableResource(string name, string workingDirectory, ParameterResource model)
    : ExecutableResource(name, RerankerBuilderExtensions.Executable, workingDirectory), IModelServerResource
{
    public ParameterResource Model { get; } = model;

    public EndpointReference HttpEndpoint => new(this, ModelServerHosting.HttpEndpointName);
}
