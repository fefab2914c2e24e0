using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TacticalRag.Api.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>The LLM gateway: options, both backends' clients, the failover client, the health monitor and check.</summary>
    public static IHostApplicationBuilder AddLlmGateway(this IHostApplicationBuilder builder)
    {
        SeedEnvironmentVariables.Apply(builder.Configuration);
        var services = builder.Services;
        services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(LlmClientFactory.VllmHttpClient).AddLlmResilience();
        services.AddHttpClient(LlmClientFactory.OllamaHttpClient).AddLlmResilience();
        services.LogExpectedLlmEventsAsInformation();
        // Probes have their own short timeout and must see failures as they are, not retried away.
        services.AddHttpClient(BackendHealthMonitor.ProbeHttpClient).WithoutDefaultResilience();

        services.AddSingleton<LlmClientFactory>();
        services.AddSingleton(provider => provider.GetRequiredService<LlmClientFactory>().CreateRegistry());
        services.AddSingleton<LlmTelemetry>();
        services.AddSingleton<FallbackLog>();
        services.AddSingleton<BackendFailoverChatClient>();
        services.AddSingleton<IChatClient>(provider => provider.GetRequiredService<BackendFailoverChatClient>());
        services.AddHostedService<BackendHealthMonitor>();
        services.AddHealthChecks().AddCheck<LlmHealthCheck>("llm");
        return builder;
    }
}
