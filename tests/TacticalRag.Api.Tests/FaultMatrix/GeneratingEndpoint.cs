namespace TacticalRag.Api.Tests.FaultMatrix;

/// <summary>The four endpoints that make a model generate; every fault is played against each.</summary>
public enum GeneratingEndpoint
{
    Invoke,
    LlmStream,
    Ask,
    AskStream,
}

public static class GeneratingEndpoints
{
    public static bool IsStreaming(this GeneratingEndpoint endpoint) => endpoint is GeneratingEndpoint.LlmStream or GeneratingEndpoint.AskStream;
}
