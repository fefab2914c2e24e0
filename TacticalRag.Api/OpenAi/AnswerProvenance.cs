using System.Diagnostics;
using System.Globalization;

namespace TacticalRag.Api.OpenAi;

/// <summary>
/// Says which backend answered, and whether that was a fallback, where OpenAI clients can see it without reading our
/// extension field: response headers, and the request's span for the Aspire dashboard.
/// </summary>
internal static class AnswerProvenance
{
    public const string BackendHeader = "x-tacticalrag-backend";
    public const string FallbackHeader = "x-tacticalrag-fallback";

    /// <remarks>
    /// Streams call this before their first byte: the gateway fails over only before the first token, so the backend
    /// that produced the first token is the one that produces the whole answer.
    /// </remarks>
    public static void Record(HttpContext context, string requestedModel, TacticalRagExtension served)
    {
        context.Response.Headers[BackendHeader] = served.Backend;
        context.Response.Headers[FallbackHeader] = served.Fallback ? "true" : "false";
        if (Activity.Current is { } activity)
        {
            activity.SetTag("gen_ai.request.model", requestedModel);
            activity.SetTag("gen_ai.response.model", served.BackendModel);
            activity.SetTag("tacticalrag.llm.backend", served.Backend);
            activity.SetTag("tacticalrag.llm.fallback", served.Fallback);
        }
        RecordCitations(served);
    }

    /// <summary>How many sources a grounded answer cites, on the request's span; a stream knows it at its last chunk.</summary>
    public static void RecordCitations(TacticalRagExtension served)
    {
        if (served.Citations is { } citations)
        {
            Activity.Current?.SetTag("tacticalrag.answer.citations", citations.Count.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The fingerprint OpenAI uses to say which system configuration answered: here, the backend.</summary>
    public static string Fingerprint(TacticalRagExtension served) => "tacticalrag-" + served.Backend;
}
