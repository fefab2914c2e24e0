namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>Reads one format. Throws <see cref="DocumentUnreadableException"/> for corrupt input.</summary>
public interface IDocumentExtractor
{
    DocumentFileFormat Format { get; }

    ExtractedDocument Extract(Stream content, string fileName);
}
