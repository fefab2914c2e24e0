using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OllamaSharp;
using OpenAI;
using TacticalRag.Api.ModelServerKit;

namespace TacticalRag.Api.Embeddings;

/// <summary>
/// Builds the client of the configured embedding server: OllamaSharp's (<c>POST /api/embed</c>) or the OpenAI SDK's
/// embedding client (<c>POST /v1/embeddings</c>, for vLLM and text-embeddings-inference), on an HttpClient from the
/// factory, wrapped in a <see cref="ServedEmbeddingGenerator"/>.
/// </summary>
internal sealed class ServedEmbeddingClients(
    IHttpClientFactory httpClientFactory, IOptions<EmbeddingOptions> options, EmbeddingModel model, EmbeddingServerState state, TimeProvider time)
{
    public const string HttpClientName = "embeddings";
    private const string PlaceholderApiKey = "not-needed";

    public IEmbeddingGenerator<string, Embedding<float>> Create(bool forQueries)
    {
        var settings = options.Value;
        var endpoint = WithTrailingSlash(settings.ServerEndpoint);
        var http = httpClientFactory.CreateClient(HttpClientName);
        IEmbeddingGenerator<string, Embedding<float>> inner;
        int? requestDimensions = null;
        if (settings.Provider == EmbeddingProvider.Ollama)
        {
            http.BaseAddress = endpoint;
            inner = new OllamaApiClient(http, model.ServedModel);
        }
        else
        {
            var openAi = new OpenAIClient(new ApiKeyCredential(settings.ApiKey ?? PlaceholderApiKey), new OpenAIClientOptions
            {
                Endpoint = new Uri(endpoint, "v1"),
                Transport = new HttpClientPipelineTransport(http),
                // Retries are the embedding queue's, with backoff; a search does not wait for one.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = Timeout.InfiniteTimeSpan,
            });
            // No default size: the SDK would send it as 'dimensions', which vLLM refuses for a model without Matryoshka training.
            inner = openAi.GetEmbeddingClient(model.ServedModel).AsIEmbeddingGenerator();
            // Sent only to shorten a model's vectors; a server refuses 'dimensions' for a model that cannot.
            requestDimensions = KnownServedModels.Find(model.ServedModel) is { } card && card.Dimensions != model.Dimensions ? model.Dimensions : null;
        }
        return new ServedEmbeddingGenerator(
            inner, model, state, forQueries ? settings.QueryTimeout : settings.Timeout, skipWhenKnownDown: forQueries, requestDimensions, time);
    }

    /// <summary>
    /// Ollama: <c>GET /api/tags</c> lists the model once it is pulled (the AppHost pulls it after the server is up);
    /// vLLM and text-embeddings-inference: <c>GET /health</c> answers 200 once the model is loaded.
    /// </summary>
    public static ModelServerProbe Probe(EmbeddingOptions settings)
    {
        var ollama = settings.Provider == EmbeddingProvider.Ollama;
        return new ModelServerProbe(
            "embedding server",
            settings.IsServed ? settings.ServerEndpoint : null,
            ollama ? "/api/tags" : "/health",
            settings.ModelName,
            HttpClientName,
            settings.HealthProbeInterval,
            settings.HealthProbeTimeout,
            WhenUp: "passages and questions are embedded by it",
            WhenDown: settings.IsServed
                ? "searches rank by keywords alone and new documents wait to be embedded"
                : "passages and questions are embedded in-process",
            Ready: ollama ? ServedModels.OllamaHasPulled(settings.ModelName) : null);
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
