using System.Globalization;

namespace TacticalRag.Api.Conversations;

public static class ConversationsServiceCollectionExtensions
{
    /// <summary>
    /// Conversation memory (section <c>Conversations</c>): follow-ups rewritten to stand alone, recent turns kept, older
    /// ones folded into a summary in the background. Needs an <see cref="IConversationStore"/> (<c>AddStorage</c>) and
    /// an <see cref="Microsoft.Extensions.AI.IChatClient"/> (<c>AddLlmGateway</c>).
    /// </summary>
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddOptions<ConversationOptions>()
            .BindConfiguration(ConversationOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                var current = configuration.GetSection(ConversationOptions.SectionName)[nameof(ConversationOptions.WindowTurns)];
                if (current is null && configuration[ConversationOptions.LegacyWindowTurnsKey] is { } legacy
                    && int.TryParse(legacy, NumberStyles.Integer, CultureInfo.InvariantCulture, out var turns))
                {
                    options.WindowTurns = turns;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<FollowUpRewriter>();
        services.AddSingleton<ConversationMemory>();
        services.AddSingleton<ConversationFoldQueue>();
        services.AddHostedService<ConversationFoldService>();
        return services;
    }
}
