namespace TacticalRag.Api.ModelServerKit;

/// <summary>
/// Reads a successful answer to the probe's <c>GET</c> (and may ask the server more on <paramref name="http"/>): null
/// when the server is ready, else why not (a model not pulled yet).
/// </summary>
public delegate Task<ProbeProblem?> ReadinessCheck(HttpResponseMessage answer, HttpClient http, CancellationToken cancellationToken);

/// <summary>
/// How one model server is probed and reported: which server (for logs and <c>/health</c>), where, how often, and what
/// its state means for users. A null <see cref="Endpoint"/> means none is configured: nothing is probed and the health
/// check is Healthy.
/// </summary>
/// <param name="Name">The health data's key and the word logs use ("reranker", "embedding server", "vllm").</param>
/// <param name="Path">What the probe asks with <c>GET</c> (<c>/health</c>, <c>/api/tags</c>).</param>
/// <param name="HttpClientName">The named client the probe uses (service discovery applies).</param>
/// <param name="Ready">Reads the probe's answer; null: any 2xx is ready.</param>
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
    ReadinessCheck? Ready = null)
{
    public bool IsConfigured => Endpoint is { OriginalString.Length: > 0 };
}
