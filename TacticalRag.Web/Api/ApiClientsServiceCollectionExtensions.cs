using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using TacticalRag.Web.Circuits;

namespace TacticalRag.Web.Api;

public static class ApiClientsServiceCollectionExtensions
{
    // Reads (status, lists, a conversation) answer at once or not at all: the standard 10 s, retried briefly.
    private static readonly TimeSpan s_readTimeout = TimeSpan.FromSeconds(10);

    // A search may wait for the model to write query variants (up to 90 s a backend in the API).
    private static readonly TimeSpan s_searchTimeout = TimeSpan.FromMinutes(2);

    // An answer may wait for the API's own failover (up to 90 s a backend, several backends) before its first byte.
    private static readonly TimeSpan s_answerTimeout = TimeSpan.FromMinutes(4);

    // A large file from a slow browser connection; the bytes come through the circuit before they reach the API.
    private static readonly TimeSpan s_uploadTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Registers one typed client per API area against the <c>api</c> service (service discovery), each with one
    /// resilience handler sized for what it does. None retries a POST or a DELETE: a question asked twice is
    /// answered twice, a file sent twice is uploaded twice.
    /// </summary>
    public static IServiceCollection AddApiClients(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<ApiKeyHandler>();
        services.AddTransient<UserTokenHandler>();
        services.AddSingleton<UserTokenIssuer>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddSingleton<CircuitServicesAccessor>();
        services.AddScoped<CircuitHandler, ServicesAccessorCircuitHandler>();
        services.AddApiClient<LlmApiClient>(s_readTimeout);
        services.AddApiClient<ConversationsApiClient>(s_readTimeout);
        services.AddApiClient<SearchApiClient>(s_searchTimeout);
        services.AddApiClient<AskApiClient>(s_answerTimeout);
        services.AddApiClient<DocumentsApiClient>(s_uploadTimeout);
        return services;
    }

    private static void AddApiClient<TClient>(this IServiceCollection services, TimeSpan attemptTimeout) where TClient : class
    {
        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001); it is the documented way to replace
        // the handler that ConfigureHttpClientDefaults added.
#pragma warning disable EXTEXP0001
        services.AddHttpClient<TClient>(client =>
            {
                client.BaseAddress = new("https+http://api");
                // The resilience handler owns timeouts; HttpClient's own 100 s would cut answers and uploads short.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<ApiKeyHandler>()
            .AddHttpMessageHandler<UserTokenHandler>()
            // The service defaults gave every client the standard handler; replace it rather than stack a second.
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options =>
            {
                options.AttemptTimeout.Timeout = attemptTimeout;
                // Room for the retries of reads; the only retries there are.
                options.TotalRequestTimeout.Timeout = 3 * attemptTimeout;
                options.CircuitBreaker.SamplingDuration = 2 * attemptTimeout; // Polly requires at least twice the attempt timeout.
                options.Retry.DisableForUnsafeHttpMethods();
                options.Retry.MaxRetryAttempts = 2;
                options.Retry.Delay = TimeSpan.FromMilliseconds(250);
            });
#pragma warning restore EXTEXP0001
    }
}
