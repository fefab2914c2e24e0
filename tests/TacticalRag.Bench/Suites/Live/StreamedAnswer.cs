namespace TacticalRag.Bench.Suites.Live;

/// <summary>
/// One streamed answer as the client saw it: time to the first piece of text, time to the end of the stream, and the
/// answer's length in tokens (the server's own count when it reports one, else the pieces streamed: both servers send
/// one token a piece). Through the gateway, also the backend and model that wrote it.
/// </summary>
public sealed record StreamedAnswer(TimeSpan FirstToken, TimeSpan Whole, int Tokens, string? ServedBy = null, string? ServedModel = null)
{
    /// <summary>Decode speed: the tokens after the first over the time after the first; NaN for a one-token answer.</summary>
    public double TokensPerSecond =>
        Tokens > 1 && Whole > FirstToken ? (Tokens - 1) / (Whole - FirstToken).TotalSeconds : double.NaN;
}
