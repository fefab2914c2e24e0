namespace TacticalRag.Api.Llm;

/// <summary>
/// Tells the LLM HttpClient's retry strategy, across the client libraries in between, whether the backend being
/// called is the last one standing: only then is retrying it better than failing over.
/// </summary>
internal static class LlmCallScope
{
    private static readonly AsyncLocal<bool> RetriesAllowedHere = new();

    public static bool RetriesAllowed => RetriesAllowedHere.Value;

    /// <summary>Sets the flag for the rest of the calling async method (AsyncLocal changes do not flow back to callers).</summary>
    public static void Enter(bool lastStanding) => RetriesAllowedHere.Value = lastStanding;
}
