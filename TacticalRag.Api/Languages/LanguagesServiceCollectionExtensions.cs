using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TacticalRag.Api.Languages;

public static class LanguagesServiceCollectionExtensions
{
    /// <summary>The <see cref="TextLanguageDetector"/> that ingestion and retrieval share (its models load once, on first use).</summary>
    public static IServiceCollection AddLanguageDetection(this IServiceCollection services)
    {
        services.TryAddSingleton<TextLanguageDetector>();
        return services;
    }
}
