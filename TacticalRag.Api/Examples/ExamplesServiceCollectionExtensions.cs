namespace TacticalRag.Api.Examples;

public static class ExamplesServiceCollectionExtensions
{
    /// <summary>Example questions drawn from the library. Needs the library store, a chat client and a distributed cache.</summary>
    public static IServiceCollection AddExamples(this IServiceCollection services)
    {
        services.AddSingleton<ExampleQuestions>();
        return services;
    }
}
