using Microsoft.AspNetCore.Http.HttpResults;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Ingestion;

/// <summary>The 201 answer of an upload: the stored documents, and each refused file with its reason.</summary>
public sealed record DocumentsUploadResponse(IReadOnlyList<LibraryDocument> Documents, IReadOnlyList<RejectedFile> Rejected);

/// <summary>
/// Turns an upload's per-file outcomes into its HTTP answer: 201 when at least one file was stored; otherwise the
/// refusal itself, exactly as for a single file, or for several files one ProblemDetails that lists each file's
/// outcome (the status they share, else 400).
/// </summary>
internal static class UploadAnswer
{
    public const string FilesExtension = "files";

    public static Results<Created<DocumentsUploadResponse>, ProblemHttpResult> From(IngestionResult result)
    {
        if (result.Refusal is { } whole)
        {
            return Problem(whole.Status, whole.Title, whole.Detail);
        }
        if (result.Documents.Count > 0)
        {
            return TypedResults.Created("/api/documents", new DocumentsUploadResponse(result.Documents, result.Rejected));
        }
        if (result.Rejected is [var only])
        {
            return Problem(only.Status, only.Title, only.Detail);
        }
        var statuses = result.Rejected.Select(r => r.Status).Distinct().ToArray();
        return TypedResults.Problem(
            statusCode: statuses.Length == 1 ? statuses[0] : StatusCodes.Status400BadRequest,
            title: "No file was added.",
            detail: $"None of the {result.Rejected.Count} files was stored. " + string.Join(" ", result.Rejected.Select(r => r.Detail)),
            extensions: new Dictionary<string, object?> { [FilesExtension] = result.Rejected });
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
