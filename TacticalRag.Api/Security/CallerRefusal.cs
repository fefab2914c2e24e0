using TacticalRag.Api.OpenAi;

namespace TacticalRag.Api.Security;

/// <summary>
/// A refused caller's answer (401, 403, 429) in the shape its client reads: OpenAI's error object under <c>/v1</c>
/// (the SDKs turn it into their own exceptions), ProblemDetails everywhere else.
/// </summary>
internal static class CallerRefusal
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail,
        string openAiType, string openAiCode, string? openAiMessage = null)
    {
        context.Response.StatusCode = status;
        if (OpenAiErrors.Applies(context.Request))
        {
            await OpenAiErrors.WriteAsync(context, status, openAiMessage ?? detail, openAiType, openAiCode, context.RequestAborted);
            return;
        }
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
