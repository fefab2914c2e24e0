using TacticalRag.Api.Ingestion.Extraction;
using TacticalRag.Api.Languages;

namespace TacticalRag.Api.Ingestion.Chunking;

public static class IngestionExtractionServiceCollectionExtensions
{
    /// <summary>Text extraction for the five formats, <see cref="DocumentExtractors"/>, the chunker and its options.</summary>
    public static IServiceCollection AddDocumentExtraction(this IServiceCollection services)
    {
        services.AddOptions<ChunkingOptions>()
            .BindConfiguration(ChunkingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IDocumentExtractor, PlainTextExtractor>();
        services.AddSingleton<IDocumentExtractor, MarkdownExtractor>();
        services.AddSingleton<IDocumentExtractor, HtmlExtractor>();
        services.AddSingleton<IDocumentExtractor, PdfExtractor>();
        services.AddSingleton<IDocumentExtractor, DocxExtractor>();
        services.AddSingleton<DocumentExtractors>();
        services.AddLanguageDetection();
        services.AddSingleton<DocumentChunker>();
        return services;
    }
}
