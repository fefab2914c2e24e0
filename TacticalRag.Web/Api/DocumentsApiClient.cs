using System.Net.Http.Headers;

namespace TacticalRag.Web.Api;

/// <summary>The front end's client of <c>/api/documents</c>: upload, list and delete library documents.</summary>
public sealed class DocumentsApiClient(HttpClient httpClient)
{
    /// <summary>
    /// Uploads one file in a request of its own, so its outcome is its own: the document it made, or the API's
    /// reason for refusing it (or for failing). <paramref name="progress"/> hears the bytes sent so far.
    /// Never throws for a refusal or an unreachable API; only cancelling <paramref name="cancellationToken"/> throws.
    /// </summary>
    public async Task<DocumentUploadResult> UploadAsync(
        Stream content, long length, string fileName, string? contentType, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var file = new ProgressStreamContent(content, length, progress);
        file.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type)
            ? type : new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { file, "files", fileName } };
        try
        {
            var response = await ApiResponses.SendForJsonAsync<DocumentUploadResponse>(
                httpClient, new HttpRequestMessage(HttpMethod.Post, "api/documents") { Content = form }, cancellationToken);
            // The answer gives each file of the upload its own outcome; this upload holds one file.
            return response switch
            {
                { Documents: [var document, ..] } => DocumentUploadResult.Accepted(document),
                { Rejected: [var rejected, ..] } => DocumentUploadResult.Refused(rejected.Reason),
                _ => DocumentUploadResult.Refused("The API accepted the file but listed no document for it."),
            };
        }
        catch (ApiException e)
        {
            return DocumentUploadResult.Refused(e.Message);
        }
    }

    /// <exception cref="ApiException">The API could not be reached or failed.</exception>
    public Task<IReadOnlyList<LibraryDocument>> ListAsync(CancellationToken cancellationToken = default) =>
        ApiResponses.GetJsonAsync<IReadOnlyList<LibraryDocument>>(httpClient, "api/documents", cancellationToken);

    /// <summary>Removes the document and its passages; one the API no longer has counts as removed.</summary>
    /// <exception cref="ApiException">The API could not be reached or failed.</exception>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await ApiResponses.SendAsync(
            httpClient, new HttpRequestMessage(HttpMethod.Delete, $"api/documents/{Uri.EscapeDataString(id)}"), cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            await ApiResponses.EnsureSuccessAsync(response, cancellationToken);
        }
    }
}
