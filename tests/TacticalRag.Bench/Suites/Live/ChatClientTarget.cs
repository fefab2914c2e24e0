using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;
using TacticalRag.Bench.Hosting;

namespace TacticalRag.Bench.Suites.Live;

/// <summary>
/// A model server measured directly, through the client library the product uses for it (the OpenAI SDK on vLLM's
/// <c>/v1/chat/completions</c>, OllamaSharp on Ollama's <c>/api/chat</c>, both as <see cref="IChatClient"/>), streaming,
/// temperature 0, no retries.
/// </summary>
public sealed class ChatClientTarget : ILiveTarget
{
    /// <summary>An answer from Ollama on a CPU can take minutes; the client must never cut one short.</summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(10);

    private readonly HttpClient _http;
    private readonly IChatClient _client;
    private readonly int _maxTokens;

    private ChatClientTarget(string name, string model, HttpClient http, IChatClient client, int maxTokens)
    {
        Name = name;
        Model = model;
        _http = http;
        _client = client;
        _maxTokens = maxTokens;
    }

    public string Name { get; }

    public string Model { get; }

    public static ChatClientTarget Vllm(Uri baseAddress, string model, int concurrency, int maxTokens)
    {
        var http = LoopbackHttp.Create(WithTrailingSlash(baseAddress), concurrency, AnswerTimeout);
        var openAi = new OpenAIClient(new ApiKeyCredential("not-needed"), new OpenAIClientOptions
        {
            Endpoint = new Uri(WithTrailingSlash(baseAddress), "v1"),
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = AnswerTimeout,
        });
        return new ChatClientTarget("vLLM", model, http, openAi.GetChatClient(model).AsIChatClient(), maxTokens);
    }

    public static ChatClientTarget Ollama(Uri baseAddress, string model, int concurrency, int maxTokens)
    {
        var http = LoopbackHttp.Create(WithTrailingSlash(baseAddress), concurrency, AnswerTimeout);
        return new ChatClientTarget("Ollama", model, http, new OllamaApiClient(http, model), maxTokens);
    }

    public async Task<StreamedAnswer> StreamAsync(string prompt, CancellationToken cancellationToken)
    {
        var options = new ChatOptions { ModelId = Model, Temperature = 0f, MaxOutputTokens = _maxTokens };
        var started = Stopwatch.GetTimestamp();
        TimeSpan? firstToken = null;
        var pieces = 0;
        long? reported = null;
        await foreach (var update in _client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, prompt)], options, cancellationToken))
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                firstToken ??= Stopwatch.GetElapsedTime(started);
                pieces++;
            }
            foreach (var usage in update.Contents.OfType<UsageContent>())
            {
                reported = usage.Details.OutputTokenCount ?? reported;
            }
        }
        var whole = Stopwatch.GetElapsedTime(started);
        if (firstToken is null)
        {
            throw new InvalidOperationException($"{Name} ended the stream without any text.");
        }
        return new StreamedAnswer(firstToken.Value, whole, (int)(reported is > 0 ? reported.Value : pieces));
    }

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }

    private static Uri WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
