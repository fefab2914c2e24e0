using TacticalRag.Api.Security;

namespace TacticalRag.Api.OpenAi;

public static class OpenAiServiceCollectionExtensions
{
    /// <summary>The OpenAI-compatible API's options, model names and the two chat paths (grounded and gateway).</summary>
    public static IServiceCollection AddOpenAiCompatibility(this IServiceCollection services)
    {
        services.AddOptions<OpenAiOptions>()
            .BindConfiguration(OpenAiOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IRefusalShape, OpenAiRefusalShape>();
        services.AddSingleton<OpenAiModels>();
        services.AddSingleton<ChatRequestReader>();
        services.AddSingleton<GroundedChatCompletions>();
        services.AddSingleton<GatewayChatCompletions>();
        return services;
    }
}
