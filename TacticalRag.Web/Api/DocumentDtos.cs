namespace TacticalRag.Web.Api;

/// <summary>
/// One document of the library. <paramref name="Status"/> is one of <see cref="DocumentStatuses"/>; while
/// "indexing", <paramref name="Progress"/> (0..1) says how much of it is embedded. <paramref name="Languages"/>: the
/// ISO 639-1 codes of the languages its passages are written in, most passages first (none when not known).
/// </summary>
public sealed record LibraryDocument(
    string Id,
    string Title,
    string FileName,
    string? ContentType,
    long Bytes,
    int Chunks,
    DateTimeOffset IngestedUtc,
    string Status,
    double Progress,
    string? Error = null,
    IReadOnlyList<string>? Languages = null);

/// <summary>The values of <see cref="LibraryDocument.Status"/>.</summary>
public static class DocumentStatuses
{
    public const string Indexing = "indexing";
    public const string Ready = "ready";
    public const string Failed = "failed";
}

/// <summary>The answer of <c>POST /api/documents</c> (201): the documents stored and the files refused, one outcome per file.</summary>
public sealed record DocumentUploadResponse(IReadOnlyList<LibraryDocument>? Documents, IReadOnlyList<RejectedFile>? Rejected = null);

/// <summary>A file of an upload that the API refused, with the status and reason it would have answered for it alone.</summary>
public sealed record RejectedFile(string FileName, int Status, string? Title, string? Detail)
{
    public string Reason => Detail ?? Title ?? $"Refused ({Status}).";
}

/// <summary>What became of one uploaded file: the document it made, or why it was refused (the API's own words).</summary>
public sealed record DocumentUploadResult(LibraryDocument? Document, string? Refusal)
{
    public static DocumentUploadResult Accepted(LibraryDocument document) => new(document, null);

    public static DocumentUploadResult Refused(string reason) => new(null, reason);
}
