using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Library;
using TacticalRag.Api.Security;

namespace TacticalRag.Api.Ingestion;

/// <summary><c>/api/documents</c>: upload, list, read and delete library documents.</summary>
public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder routes)
    {
        var limits = routes.ServiceProvider.GetRequiredService<IOptions<IngestionOptions>>().Value;
        var group = routes.MapGroup("/api/documents").WithTags("Documents").RequireAuthorization(Policies.Reader);
        group.MapPost("/", UploadAsync).WithName("UploadDocuments").RequireAuthorization(Policies.Editor).DisableAntiforgery()
            .Accepts<IFormFileCollection>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxRequestBytes));
        group.MapGet("/", ListAsync).WithName("ListDocuments");
        group.MapGet("/{id}", GetAsync).WithName("GetDocument");
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteDocument").RequireAuthorization(Policies.Editor);
        return routes;
    }

    public static async Task<Results<Created<DocumentsUploadResponse>, ProblemHttpResult>> UploadAsync(
        HttpRequest request, IngestionService ingestion, IOptions<IngestionOptions> options, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Expected a multipart upload.",
                "Send the files as multipart/form-data in a field named \"files\".");
        }
        IFormCollection form;
        // The size limit as a type: the body is refused past MaxRequestBytes whatever server runs the API.
        request.Body = new UploadLimitStream(request.Body, options.Value.MaxRequestBytes);
        try
        {
            form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions
            {
                MultipartBodyLengthLimit = options.Value.MaxRequestBytes,
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException or IOException)
        {
            // Only the size limits mean "too large" (ours, or the server's); the form reader's other limits (part
            // count, header length, boundary length) are a malformed upload.
            var tooLarge = exception is UploadTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };
            return tooLarge
                ? Problem(StatusCodes.Status413PayloadTooLarge, "Upload too large.", $"The upload is over the limit of {options.Value.MaxRequestBytes:N0} bytes.")
                : Problem(StatusCodes.Status400BadRequest, "Unreadable upload.", $"The multipart body could not be read: {exception.Message}");
        }
        var files = form.Files.GetFiles("files");
        var incoming = (files.Count > 0 ? files : form.Files).Select(IncomingFile.From).ToArray();
        return UploadAnswer.From(await ingestion.IngestAsync(incoming, cancellationToken));
    }

    public static async Task<Ok<IReadOnlyList<LibraryDocument>>> ListAsync(ILibraryStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListDocumentsAsync(cancellationToken));

    public static async Task<Results<Ok<LibraryDocument>, ProblemHttpResult>> GetAsync(string id, ILibraryStore store, CancellationToken cancellationToken) =>
        await store.GetDocumentAsync(id, cancellationToken) is { } document ? TypedResults.Ok(document) : NotFound(id);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, IngestionService ingestion, CancellationToken cancellationToken) =>
        await ingestion.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : NotFound(id);

    private static ProblemHttpResult NotFound(string id) =>
        Problem(StatusCodes.Status404NotFound, "Document not found.", $"There is no document '{id}' in the library.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
