namespace TacticalRag.Api.Llm;

/// <summary>
/// The gateway's one line after the first round of probes, which replaces the original system's "Hello" at start-up
/// (the API does not wait for it): which backend answers, or why none does.
/// </summary>
internal sealed partial class LlmReadiness(LlmBackendRegistry registry, ILogger<LlmReadiness> logger)
{
    public void Log()
    {
        var active = registry.Active;
        if (registry.Preferred is null)
        {
            LogNoneConfigured(logger, string.Join(", ", registry.All.Where(b => !b.Configured).Select(b => b.Name)));
        }
        else if (active is null)
        {
            LogNoneReady(logger, string.Join("; ", registry.Enabled.Select(b => $"{b.Name}: {b.State.Current.LastError}")));
        }
        else if (active == registry.Preferred)
        {
            LogReadyPreferred(logger, active.Name, active.Model);
        }
        else
        {
            LogReadyFallback(logger, active.Name, registry.Preferred!.Name, registry.Preferred.State.Current.LastError ?? "down");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM ready ({Backend}), model {Model}")]
    private static partial void LogReadyPreferred(ILogger logger, string backend, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM ready ({Backend}, fallback: {Preferred} is down: {Reason})")]
    private static partial void LogReadyFallback(ILogger logger, string backend, string preferred, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "No model server to answer with (not configured: {Backends}); answers are retrieval-only by design")]
    private static partial void LogNoneConfigured(ILogger logger, string backends);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No LLM backend is up yet ({Details}); answering retrieval-only until one is")]
    private static partial void LogNoneReady(ILogger logger, string details);
}
