namespace TacticalRag.Web.Api;

/// <summary>The front end's client of the API's <c>/api/llm</c> endpoints: the model servers' state and recent fallbacks.</summary>
public sealed class LlmApiClient(HttpClient httpClient)
{
    /// <summary>The model servers and which one answers now.</summary>
    /// <exception cref="ApiException">The API could not be reached or did not answer with a backend list.</exception>
    public Task<BackendsStatus> GetBackendsAsync(CancellationToken cancellationToken = default) =>
        ApiResponses.GetJsonAsync<BackendsStatus>(httpClient, "api/llm/backends", cancellationToken);

    /// <summary>The times requests moved past a backend, newest first.</summary>
    /// <exception cref="ApiException">The API could not be reached or did not answer with a list.</exception>
    public async Task<IReadOnlyList<FallbackEvent>> GetFallbacksAsync(CancellationToken cancellationToken = default) =>
        (await ApiResponses.GetJsonAsync<FallbackList>(httpClient, "api/llm/fallbacks", cancellationToken)).Fallbacks ?? [];
}
