namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>Runs the extractor for a detected format and refuses documents that yield no text.</summary>
public sealed class DocumentExtractors(IEnumerable<IDocumentExtractor> extractors)
{
    private readonly Dictionary<DocumentFileFormat, IDocumentExtractor> _byFormat = extractors.ToDictionary(extractor => extractor.Format);

    /// <summary>The document's text; <see cref="DocumentUnreadableException"/> when corrupt, empty or without text.</summary>
    public ExtractedDocument Extract(DetectedFormat format, Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        if (!_byFormat.TryGetValue(format.Format, out var extractor))
        {
            throw new InvalidOperationException($"No extractor is registered for {format.Format}.");
        }
        var document = extractor.Extract(content, fileName, cancellationToken);
        if (document.Sections.All(section => string.IsNullOrWhiteSpace(section.Text)))
        {
            throw new DocumentUnreadableException(format.Format == DocumentFileFormat.Pdf
                ? "The PDF has no extractable text (it may be a scanned image without a text layer)."
                : "The file holds no text.");
        }
        return document;
    }
}
