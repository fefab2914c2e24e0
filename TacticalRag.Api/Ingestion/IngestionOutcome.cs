using TacticalRag.Api.Library;

namespace TacticalRag.Api.Ingestion;

/// <summary>Why an upload was refused, as the HTTP status and a sentence naming the file and the problem.</summary>
public sealed record IngestionRefusal(int Status, string Title, string Detail);

/// <summary>A file that parsed and chunked, ready to be stored.</summary>
internal sealed record PreparedDocument(LibraryDocument Document, IReadOnlyList<DocumentChunk> Chunks);

/// <summary>A file to ingest, from an upload or from a folder; opened only once it passed the size checks.</summary>
public sealed record IncomingFile(string FileName, long Length, Func<Stream> OpenRead)
{
    public static IncomingFile From(IFormFile file) => new(file.FileName, file.Length, file.OpenReadStream);

    public static IncomingFile From(FileInfo file) => new(file.Name, file.Length, file.OpenRead);
}
