using TacticalRag.Web.Api;

namespace TacticalRag.Web.Components.Chat;

/// <summary>
/// Who wrote an answer: the backend ("vllm", "ollama", "none" for retrieval only), the model, whether it was a
/// fallback, whether it came from the cache, and how long it took. Answers stored before the API kept these know only
/// their backend.
/// </summary>
public sealed record AnswerOrigin(string Backend, string? Model = null, bool Fallback = false, bool Cached = false, double? TotalMs = null)
{
    public static AnswerOrigin From(AskDoneEvent done) =>
        new(done.Backend, done.Model, done.Fallback, done.Cached, done.Timings?.TotalMs);
}
