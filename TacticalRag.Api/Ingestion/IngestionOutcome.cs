using TacticalRag.Api.Library;

namespace TacticalRag.Api.Ingestion;

/// <summary>Why an upload or one file of it was refused, as the HTTP status and a sentence naming the file and the problem.</summary>
public sealed record IngestionRefusal(int Status, string Title, string Detail);

/// <summary>One refused file of an upload, as the upload's answer lists it under <c>rejected</c>.</summary>
public sealed record RejectedFile(string FileName, int Status, string Title, string Detail);

/// <summary>
/// What became of an upload: the documents stored and the files refused, one outcome per file; or, with
/// <see cref="Refusal"/>, a request refused as a whole before any file was looked at (no files, too many).
/// </summary>
public sealed record IngestionResult(IReadOnlyList<LibraryDocument> Documents, IReadOnlyList<RejectedFile> Rejected, IngestionRefusal? Refusal = null)
{
    public static IngestionResult RefusedWhole(IngestionRefusal refusal) => new([], [], refusal);
}

/// <summary>A file that parsed and chunked, ready to be stored.</summary>
internal sealed record PreparedDocument(LibraryDocument Document, IReadOnlyList<DocumentChunk> Chunks);

/// <summary>A file to ingest, from an upload or from a folder; opened only once it passed the size checks.</summary>
public sealed record IncomingFile(string FileName, long Length, Func<Stream> OpenRead)
{
    public static IncomingFile From(IFormFile file) => new(file.FileName, file.Length, file.OpenReadStream);

    public static IncomingFile From(FileInfo file) => new(file.Name, file.Length, file.OpenRead);
}
