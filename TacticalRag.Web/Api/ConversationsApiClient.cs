namespace TacticalRag.Web.Api;

/// <summary>The front end's client of <c>/api/conversations</c>.</summary>
public sealed class ConversationsApiClient(HttpClient httpClient)
{
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
