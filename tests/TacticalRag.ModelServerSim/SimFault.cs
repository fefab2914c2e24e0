namespace TacticalRag.ModelServerSim;

/// <summary>A failure the simulator plays on demand, modelled on what real vLLM and Ollama servers do.</summary>
public enum SimFault
{
    /// <summary>Answers normally.</summary>
    None,

    /// <summary>The listener is closed: TCP connections are refused. Any other fault listens again on the same port.</summary>
    Refuse,

    /// <summary>
    /// Requests are accepted but no response headers are ever sent, on every path. The connection is dropped when the
    /// client gives up, the fault changes or the simulator stops.
    /// </summary>
    Hang,

    /// <summary>Generation waits <see cref="SimulatorOptions.SlowFirstTokenDelay"/> before the first token (streams send headers at once).</summary>
    SlowFirstToken,

    /// <summary>Model endpoints (rerank included) answer 500 with the protocol's error body; vLLM's <c>/health</c> answers 503.</summary>
    ServerError,

    /// <summary>Generation and rerank endpoints answer 429 with the protocol's error body and <c>Retry-After: 1</c>.</summary>
    TooManyRequests,

    /// <summary>200 with a JSON content type but a truncated body (streams: an invalid data line).</summary>
    MalformedJson,

    /// <summary>Streams stop after <see cref="SimulatorOptions.StreamCutAfterTokens"/> tokens and the connection is aborted.</summary>
    StreamCut,

    /// <summary>The served model is absent: not listed, and generation answers the protocol's 404.</summary>
    ModelMissing,

    /// <summary>
    /// Like vLLM loading a model behind a port that already accepts: sockets are accepted but nothing is ever answered
    /// over HTTP, on every path. Held connections are closed, unanswered, when the fault changes.
    /// </summary>
    Loading,

    /// <summary>
    /// Up and down in turn: the listener is open (answering as <see cref="None"/>) and closed (as <see cref="Refuse"/>)
    /// alternately, each for <see cref="SimulatorOptions.FlapInterval"/>, starting up. Any other fault stops the flapping.
    /// </summary>
    Flapping,

    /// <summary>A stream was asked for, but the answer is 200 <c>application/json</c> with a truncated non-streamed body.</summary>
    NonStreamBody,

    /// <summary>A stream's headers (200, the stream content type) and then its end, with no chunk at all.</summary>
    EmptyStream,

    /// <summary>
    /// After <see cref="SimulatorOptions.StreamCutAfterTokens"/> tokens the 200 stream carries the protocol's in-band
    /// error (vLLM: <c>data: {"error": ...}</c> then <c>[DONE]</c>; Ollama: an <c>{"error": ...}</c> line) and ends.
    /// </summary>
    InBandError,

    /// <summary>Every token, then the stream ends cleanly without its end marker (no finish reason or <c>[DONE]</c>; no <c>done:true</c>).</summary>
    NoDoneMarker,

    /// <summary>The first token, then nothing more until the client leaves, the fault changes or the simulator stops.</summary>
    StallAfterFirstToken,
}
