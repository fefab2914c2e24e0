using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TacticalRag.Api.ModelServerKit;

namespace TacticalRag.Api.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>The LLM gateway: options, both backends' clients, the failover client, and their probe loop and health check (the model-server kit).</summary>
    public static IHostApplicationBuilder AddLlmGateway(this IHostApplicationBuilder builder)
    {
        ModelServerEnvironment.Apply(builder.Configuration, LlmOptions.EnvironmentVariables);
        var services = builder.Services;
        services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(LlmClientFactory.VllmHttpClient).AddLlmResilience();
        services.AddHttpClient(LlmClientFactory.OllamaHttpClient).AddLlmResilience();
        services.LogExpectedLlmEventsAsInformation();
        services.AddHttpClient(BackendProbe.HttpClientName).WithoutDefaultResilience();

        services.AddSingleton<LlmClientFactory>();
        services.AddSingleton(provider => provider.GetRequiredService<LlmClientFactory>().CreateRegistry());
        services.AddSingleton<LlmTelemetry>();
        services.AddSingleton<FallbackLog>();
        services.AddSingleton<BackendFailoverChatClient>();
        services.AddSingleton<IChatClient>(provider => provider.GetRequiredService<BackendFailoverChatClient>());
        services.AddSingleton<LlmReadiness>();
        services.AddModelServerGroup<LlmBackendRegistry>("llm", provider => BackendProbe.Group(
            provider.GetRequiredService<LlmBackendRegistry>(),
            provider.GetRequiredService<IOptions<LlmOptions>>().Value,
            provider.GetRequiredService<LlmReadiness>().Log));
        return builder;
    }
}
