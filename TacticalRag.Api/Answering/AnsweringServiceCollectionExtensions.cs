using TacticalRag.Api.Conversations;
using TacticalRag.Api.Examples;

namespace TacticalRag.Api.Answering;

public static class AnsweringServiceCollectionExtensions
{
    /// <summary>Questions answered with citations, conversation memory and example questions.</summary>
    public static IServiceCollection AddAnswering(this IServiceCollection services)
    {
        services.AddOptions<AnsweringOptions>()
            .BindConfiguration(AnsweringOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AnswerCache>();
        services.AddSingleton<FollowUpRewriter>();
        services.AddSingleton<ConversationMemory>();
        services.AddSingleton<ConversationFoldQueue>();
        services.AddHostedService<ConversationFoldService>();
        services.AddSingleton<AskService>();
        services.AddSingleton<ExampleQuestions>();
        return services;
    }
}
