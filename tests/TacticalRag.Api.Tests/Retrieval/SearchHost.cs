using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Library;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Reranking;
using TacticalRag.Api.Retrieval;
using TacticalRag.Api.Security;

namespace TacticalRag.Api.Tests.Retrieval;

/// <summary>
/// The search feature on real Kestrel (loopback, free port): embeddings with a memory cache, retrieval, the search
/// endpoint, the reranker (only used when the settings name one) and the LLM gateway when model servers are given,
/// wired by the features' own extension methods.
/// </summary>
public sealed class SearchHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SearchHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public SearchIndex Index => _app.Services.GetRequiredService<SearchIndex>();

    public IServiceProvider Services => _app.Services;

    public static async Task<SearchHost> StartAsync(Uri? vllm = null, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Llm:VllmHost"] = vllm?.ToString() ?? "http://127.0.0.1:9/",
            ["Llm:OllamaHost"] = "http://127.0.0.1:9/",
            // Generous bounds: these tests are about whether variants are used, and a first call on a busy 2-core
            // machine (JIT, a new connection, the embedder busy in a parallel test) can take seconds.
            ["Llm:FirstTokenTimeout"] = "00:00:15",
            ["Llm:RetryDelay"] = "00:00:00.050",
            ["Retrieval:QueryVariantTimeout"] = "00:00:30",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddProblemDetails();
        // The endpoint names its role; with no API key configured the caller acts as admin.
        builder.AddApiSecurity();
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddEmbeddings();
        builder.Services.AddRetrieval();
        builder.AddReranking();
        if (vllm is not null)
        {
            builder.AddLlmGateway();
        }
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapSearchApi();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SearchHost(app, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) });
    }

    /// <summary>Indexes passages of one document, embedded by the real model unless <paramref name="withVectors"/> is false.</summary>
    public async Task IndexAsync(string documentId, string title, IReadOnlyList<(string Section, string Text)> passages, bool withVectors = true)
    {
        var chunks = passages.Select((p, i) => new DocumentChunk(DocumentChunk.MakeId(documentId, i), documentId, i, p.Text, p.Section, null, 10)).ToList();
        float[]?[] vectors = new float[]?[chunks.Count];
        if (withVectors)
        {
            var embedder = _app.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            var embeddings = await embedder.GenerateAsync(chunks.Select(c => c.Text));
            vectors = embeddings.Select(e => e.Vector.ToArray()).ToArray();
        }
        Index.AddRange(chunks.Select((c, i) => new IndexedChunk(c, title, vectors[i])));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
