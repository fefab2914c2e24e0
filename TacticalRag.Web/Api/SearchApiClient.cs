using System.Net.Http.Json;

namespace TacticalRag.Web.Api;

/// <summary>The front end's client of <c>POST /api/search</c>: passages of the library, without an answer.</summary>
public sealed class SearchApiClient(HttpClient httpClient)
{
    /// <exception cref="ApiException">The API could not be reached or refused the query (the message says why).</exception>
    public async Task<IReadOnlyList<PassageMatch>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "api/search") { Content = JsonContent.Create(request, options: ApiResponses.Json) };
        // Buffered so the body goes with a Content-Length, as the ask stream's does.
        await message.Content.LoadIntoBufferAsync(cancellationToken);
        return (await ApiResponses.SendForJsonAsync<SearchResults>(httpClient, message, cancellationToken)).Results ?? [];
    }
}
