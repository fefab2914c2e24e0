namespace TacticalRag.Api.Security;

/// <summary>
/// A protocol's own error shape for the routes it serves (OpenAI's under <c>/v1</c>), registered by the feature that
/// serves them so that Security writes it without knowing its types.
/// </summary>
public interface IRefusalShape
{
    bool Applies(HttpRequest request);

    Task WriteAsync(HttpContext context, Refusal refusal, CancellationToken cancellationToken);
}
