using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TacticalRag.Api.ModelServerKit;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.Api.Reranking;

public static class RerankingServiceCollectionExtensions
{
    /// <summary>The optional reranker with its <c>RERANKER_*</c> environment variables; see the other overload.</summary>
    public static IHostApplicationBuilder AddReranking(this IHostApplicationBuilder builder)
    {
        ModelServerEnvironment.Apply(builder.Configuration, RerankerOptions.EnvironmentVariables);
        builder.Services.AddReranking();
        return builder;
    }

    /// <summary>
    /// The optional cross-encoder reranker (section <c>Reranker</c>): its client, state, health monitor and check, and
    /// the <see cref="CandidateReranker"/> behind Retrieval's <see cref="IPassageReranker"/> port, which the hybrid retriever calls after fusion. Harmless without an endpoint.
    /// </summary>
    public static IServiceCollection AddReranking(this IServiceCollection services)
    {
        services.AddOptions<RerankerOptions>()
            .BindConfiguration(RerankerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);

        // No retries and no standard timeouts: each search bounds its own call (RerankerOptions.Timeout), and a retry
        // would only spend time the search no longer has. Service discovery still resolves http://reranker.
        var http = services.AddHttpClient(RerankerClient.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
#pragma warning disable EXTEXP0001 // The documented way to remove the defaults for one client; no stable alternative exists.
        http.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        services.TryAddSingleton<RerankerClient>();
        services.TryAddSingleton<RerankTelemetry>();
        services.TryAddSingleton<CandidateReranker>();
        // Retrieval's port: the hybrid retriever reranks through it when it is registered.
        services.TryAddSingleton<IPassageReranker>(provider => provider.GetRequiredService<CandidateReranker>());
        // Both TEI and vLLM answer GET /health with 200 once the model is loaded.
        services.AddModelServer<RerankerState>("reranker", provider => Probe(provider.GetRequiredService<IOptions<RerankerOptions>>().Value));
        return services;
    }

    internal static ModelServerProbe Probe(RerankerOptions settings) => new(
        "reranker", settings.IsConfigured ? settings.Endpoint : null, "/health", settings.Model, RerankerClient.HttpClientName,
        settings.HealthProbeInterval, settings.HealthProbeTimeout, WhenUp: "searches are reranked", WhenDown: "searches rank by fusion");
}
