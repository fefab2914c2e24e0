namespace TacticalRag.Api.Answering;

public static class AnsweringServiceCollectionExtensions
{
    /// <summary>Questions answered with citations (section <c>Answering</c>). Needs <c>AddConversations</c> and <c>AddRetrieval</c>.</summary>
    public static IServiceCollection AddAnswering(this IServiceCollection services)
    {
        services.AddOptions<AnsweringOptions>()
            .BindConfiguration(AnsweringOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AnswerCache>();
        services.AddSingleton<AskService>();
        return services;
    }
}
