using System.Globalization;
using System.Net.Http.Json;

namespace TacticalRag.Web.Api;

/// <summary>The front end's client of <c>/api/conversations</c>: the signed-in user's own conversations, kept by the API.</summary>
public sealed class ConversationsApiClient(HttpClient httpClient)
{
    /// <summary>A page of the user's conversations, most recently used first.</summary>
    /// <exception cref="ApiException">The API could not be reached or failed.</exception>
    public Task<ConversationPage> ListAsync(int offset, int limit, CancellationToken cancellationToken = default) =>
        ApiResponses.GetJsonAsync<ConversationPage>(httpClient,
            string.Create(CultureInfo.InvariantCulture, $"api/conversations?offset={offset}&limit={limit}"), cancellationToken);

    /// <summary>The conversation, or null when the API has none by that id (it expired or was deleted).</summary>
    /// <exception cref="ApiException">The API could not be reached or failed.</exception>
    public async Task<Conversation?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ApiResponses.GetJsonAsync<Conversation>(httpClient, Path(id), cancellationToken);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Gives the conversation a new title; the API says why when it refuses one.</summary>
    /// <exception cref="ApiException">The API refused the title, could not be reached or failed.</exception>
    public Task<ConversationListItem> RenameAsync(string id, string title, CancellationToken cancellationToken = default) =>
        ApiResponses.SendForJsonAsync<ConversationListItem>(httpClient,
            new HttpRequestMessage(HttpMethod.Patch, Path(id)) { Content = JsonContent.Create(new { title }) }, cancellationToken);

    /// <summary>Forgets the conversation; one the API no longer has counts as forgotten.</summary>
    /// <exception cref="ApiException">The API could not be reached or failed.</exception>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await ApiResponses.SendAsync(httpClient, new HttpRequestMessage(HttpMethod.Delete, Path(id)), cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            await ApiResponses.EnsureSuccessAsync(response, cancellationToken);
        }
    }

    private static string Path(string id) => $"api/conversations/{Uri.EscapeDataString(id)}";
}
