using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OllamaSharp;
using OpenAI;
using OpenAI.Chat;
using TacticalRag.ServiceDefaults;

namespace TacticalRag.Api.Llm;

/// <summary>
/// The LLM factory: builds the ordered backends (vLLM first when <c>USE_VLLM</c>, then Ollama), each an
/// <see cref="IChatClient"/> on an HttpClient from the factory so service discovery and the LLM resilience pipeline apply.
/// </summary>
internal sealed class LlmClientFactory(IHttpClientFactory httpClientFactory, IOptions<LlmOptions> options, ILoggerFactory loggerFactory)
{
    public const string VllmHttpClient = "llm-vllm";
    public const string OllamaHttpClient = "llm-ollama";
    private const string PlaceholderApiKey = "not-needed";

    public LlmBackendRegistry CreateRegistry()
    {
        var settings = options.Value;
        return new LlmBackendRegistry(
        [
            new LlmBackend(LlmBackend.Vllm, settings.VllmModel, settings.VllmHost, settings.UseVllm, CreateVllmClient(settings),
                configured: !settings.NotConfigured.Contains(LlmBackend.Vllm))
            {
                Wire = BackendWire.Vllm(httpClientFactory.CreateClient(VllmHttpClient), WithTrailingSlash(settings.VllmHost), settings.VllmModel,
                    settings.VllmApiKey ?? PlaceholderApiKey),
            },
            new LlmBackend(LlmBackend.Ollama, settings.OllamaModel, settings.OllamaHost, enabled: true, CreateOllamaClient(settings),
                configured: !settings.NotConfigured.Contains(LlmBackend.Ollama))
            {
                Wire = BackendWire.Ollama(httpClientFactory.CreateClient(OllamaHttpClient), WithTrailingSlash(settings.OllamaHost), settings.OllamaModel),
            },
        ]);
    }

    private IChatClient CreateVllmClient(LlmOptions settings)
    {
        var openAi = new OpenAIClient(new ApiKeyCredential(settings.VllmApiKey ?? PlaceholderApiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(WithTrailingSlash(settings.VllmHost), "v1"),
            Transport = new HttpClientPipelineTransport(httpClientFactory.CreateClient(VllmHttpClient)),
            // Retries belong to our pipeline, which knows whether another backend could serve instead.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        });
        var topK = settings.TopK;
        return Instrument(openAi.GetChatClient(settings.VllmModel).AsIChatClient(), options =>
        {
            // vLLM takes top_k beyond OpenAI's fields; the SDK carries it as a JSON patch.
            options.RawRepresentationFactory = _ => VllmChatOptions.WithTopK(options.TopK ?? topK);
        });
    }

    private IChatClient CreateOllamaClient(LlmOptions settings)
    {
        var http = httpClientFactory.CreateClient(OllamaHttpClient);
        http.BaseAddress = WithTrailingSlash(settings.OllamaHost);
        return Instrument(new OllamaApiClient(http, settings.OllamaModel), configure: null);
    }

    private IChatClient Instrument(IChatClient client, Action<ChatOptions>? configure)
    {
        var builder = new ChatClientBuilder(client);
        if (configure is not null)
        {
            builder.ConfigureOptions(configure);
        }
        return builder
            .UseOpenTelemetry(loggerFactory, sourceName: TacticalRagTelemetry.Name)
            .Build();
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
