using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using TacticalRag.AppHost.Gpu;
using TacticalRag.AppHost.ModelServers;
using TacticalRag.AppHost.Ollama;
using TacticalRag.AppHost.Topology;

namespace TacticalRag.AppHost.Embeddings;

/// <summary>
/// The optional embedding server for multilingual dense retrieval: an Ollama server of its own that pulls
/// <c>embedding-model</c> (bge-m3 unless set), with the pull's progress as its state and a health check that is healthy
/// once the model is there, like the answering Ollama. docs/decisions.md says why Ollama and not a second vLLM.
/// </summary>
public static class EmbeddingServerBuilderExtensions
{
    public const string ResourceName = "embeddings";

    /// <summary>The Ollama container, on the GPU when <c>gpu</c> is on, pulling <paramref name="model"/>.</summary>
    public static IResourceBuilder<OllamaResource> AddEmbeddingServer(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ParameterResource> model, IResourceBuilder<ParameterResource> gpu) =>
        builder.AddOllama(ResourceName).WithGpuSupport(gpu).WithModel(model);

    /// <summary>A local <c>ollama serve</c> of its own (on the port Aspire allocates), pulling <paramref name="model"/>.</summary>
    public static IResourceBuilder<OllamaExecutableResource> AddEmbeddingServerExecutable(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ParameterResource> model) =>
        builder.AddOllamaExecutable(ResourceName).WithModel(model);

    /// <summary>
    /// <c>embedding-provider</c>: how the API talks to the embedding server, <c>ollama</c> (its <c>/api/embed</c>) or
    /// <c>openai</c> (<c>/v1/embeddings</c>, for an external vLLM or text-embeddings-inference under
    /// <c>TacticalRag:Endpoints:Embeddings</c>); checked before anything starts.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddEmbeddingProviderParameter(this IDistributedApplicationBuilder builder)
    {
        const string name = "embedding-provider";
        var value = builder.Configuration[$"Parameters:{name}"];
        if (!string.IsNullOrWhiteSpace(value) && value.Trim().ToLowerInvariant() is not ("ollama" or "openai"))
        {
            throw new DistributedApplicationException($"Parameter '{name}' must be ollama or openai, not '{value}'.");
        }
        return builder.AddParameterWithDefault(name, "ollama");
    }

    /// <summary>
    /// Service discovery for the embedding server and <c>Embeddings__Provider</c>, <c>__Model</c>, <c>__Endpoint</c>
    /// (<c>http://embeddings</c>); nothing when it was left out, so the API then embeds in-process. No <c>WaitFor</c>: the
    /// API serves keyword search and queues embedding while the server starts or pulls its model.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithEmbeddingServer(
        this IResourceBuilder<ProjectResource> api, ServiceDependency? server,
        IResourceBuilder<ParameterResource> provider, IResourceBuilder<ParameterResource> model) =>
        api.WithModelServer(server,
            ("Embeddings__Provider", provider), ("Embeddings__Model", model), ("Embeddings__Endpoint", $"http://{server?.Resource.Name}"));
}
