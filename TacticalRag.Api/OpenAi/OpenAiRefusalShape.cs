using TacticalRag.Api.Security;

namespace TacticalRag.Api.OpenAi;

/// <summary>
/// Security's refusals (401, 403, 429) under <c>/v1</c> in OpenAI's error shape, which the SDKs turn into their own
/// exceptions (and whose <c>Retry-After</c> they honour), with OpenAI's wording where the refusal carries one.
/// </summary>
internal sealed class OpenAiRefusalShape : IRefusalShape
{
    public bool Applies(HttpRequest request) => OpenAiErrors.Applies(request);

    public Task WriteAsync(HttpContext context, Refusal refusal, CancellationToken cancellationToken) =>
        OpenAiErrors.WriteAsync(context, refusal.Status, refusal.ClientMessage ?? refusal.Detail, refusal.Type, refusal.Param, refusal.Code,
            cancellationToken);
}
