using Aspire.Hosting.ApplicationModel;
using TacticalRag.AppHost.ModelServers;

namespace TacticalRag.AppHost.Vllm;

/// <summary>vLLM's OpenAI-compatible server in the <c>vllm/vllm-openai</c> container.</summary>
public sealed class VllmResource(string name, ParameterResource model)
    : ContainerResource(name), IModelServerResource
{
    public const int DefaultPort = 8000;

    /// <summary>The model vLLM serves (a Hugging Face id); also the name clients send as <c>model</c>.</summary>
    public ParameterResource Model { get; } = model;

    public EndpointReference HttpEndpoint => new(this, ModelServerHosting.HttpEndpointName);
}

/// <summary>vLLM started from a local <c>vllm</c> install (<c>vllm serve</c>) when no container runtime is available.</summary>
public sealed class VllmExecutableResource(string name, string workingDirectory, ParameterResource model)
    : ExecutableResource(name, "vllm", workingDirectory), IModelServerResource
{
    public ParameterResource Model { get; } = model;

    public EndpointReference HttpEndpoint => new(this, ModelServerHosting.HttpEndpointName);
}
