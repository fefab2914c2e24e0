namespace TacticalRag.Api.Llm;

/// <summary>
/// Ties a model server's response body to the request's cancellation token. HttpClient honours the token only until
/// the headers arrive, and a client library may read the body without it (a stall after the first token would then hold
/// the request until the connection dies); disposing the response on cancellation makes the pending read fail at once.
/// </summary>
internal sealed class AbortOnCancelHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (cancellationToken.CanBeCanceled)
        {
            // The registration lives as long as the request's token source, which the gateway disposes per request.
            cancellationToken.UnsafeRegister(static state => ((HttpResponseMessage)state!).Dispose(), response);
        }
        return response;
    }
}
