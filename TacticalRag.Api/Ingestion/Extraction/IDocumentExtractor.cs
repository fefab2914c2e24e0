namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// Reads one format. Throws <see cref="DocumentUnreadableException"/> for corrupt input, and
/// <see cref="OperationCanceledException"/> once <c>cancellationToken</c> fires (the caller's time budget), checked as it goes.
/// </summary>
public interface IDocumentExtractor
{
    DocumentFileFormat Format { get; }

    ExtractedDocument Extract(Stream content, string fileName, CancellationToken cancellationToken);
}
