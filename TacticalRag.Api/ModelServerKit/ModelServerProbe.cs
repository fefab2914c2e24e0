namespace TacticalRag.Api.ModelServerKit;

/// <summary>
/// How one optional model server is probed and reported: which server (for logs and <c>/health</c>), where, how often,
/// and what its state means for users. A null <see cref="Endpoint"/> means none is configured: nothing is probed and
/// the health check is Healthy.
/// </summary>
/// <param name="Name">The health check's name and the word logs use ("reranker", "embedding server").</param>
/// <param name="HttpClientName">The named client the probe uses (service discovery applies).</param>
/// <param name="Probe">
/// Reads the probe's answer: null when the server is ready, else why not (a model not pulled yet). Null: any 2xx is ready.
/// </param>
/// <param name="WhenUp">What users get while it is up ("searches are reranked").</param>
/// <param name="WhenDown">What users get while it is not ("searches rank by fusion").</param>
public sealed record ModelServerProbe(
    string Name,
    Uri? Endpoint,
    string Path,
    string Model,
    string HttpClientName,
    TimeSpan Interval,
    TimeSpan Timeout,
    string WhenUp,
    string WhenDown,
    Func<HttpResponseMessage, CancellationToken, Task<string?>>? Probe = null)
{
    public bool IsConfigured => Endpoint is { OriginalString.Length: > 0 };
}
