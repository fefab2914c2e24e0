namespace TacticalRag.Api.Embeddings;

/// <summary>Why the embedding server gave no vectors.</summary>
public enum EmbeddingFailure
{
    /// <summary>Known down (health probe or an earlier request): not called.</summary>
    Down,
    Unreachable,
    Timeout,
    ServerError,
    RateLimited,
    /// <summary>The server does not have the model (not pulled yet, or another model is served).</summary>
    ModelMissing,
    /// <summary>A 4xx other than 404 and 429: the server refused this request.</summary>
    Rejected,
    /// <summary>A body that does not parse, or not one vector per input.</summary>
    Malformed,
    /// <summary>Vectors of another size than the library's: the server serves another model than configured.</summary>
    WrongDimensions,
}

/// <summary>
/// The embedding server gave no vectors. <see cref="IsTransient"/> failures (down, unreachable, slow, overloaded, a
/// model still being pulled) are waited out: ingestion tries again with backoff and searches rank by keywords meanwhile;
/// the others need a person (the detail says what).
/// </summary>
public sealed class EmbeddingServerException(EmbeddingFailure failure, string detail, Exception? inner = null)
    : Exception($"The embedding server gave no vectors ({Describe(failure)}): {detail}", inner)
{
    public EmbeddingFailure Failure { get; } = failure;

    public string Detail { get; } = detail;

    /// <summary>The failure without the server's own words (which may name internal hosts): what a document shows its readers.</summary>
    public string Summary => $"The embedding server gave no vectors ({Describe(Failure)})";

    public bool IsTransient => Failure is not (EmbeddingFailure.Rejected or EmbeddingFailure.WrongDimensions);

    /// <summary>The reason as a tag: <c>down</c>, <c>timeout</c>, <c>model_missing</c>, ...</summary>
    public string Tag => Failure switch
    {
        EmbeddingFailure.ServerError => "server_error",
        EmbeddingFailure.RateLimited => "rate_limited",
        EmbeddingFailure.ModelMissing => "model_missing",
        EmbeddingFailure.WrongDimensions => "wrong_dimensions",
        _ => Failure.ToString().ToLowerInvariant(),
    };

    public static EmbeddingFailure FromStatus(int status) => status switch
    {
        404 => EmbeddingFailure.ModelMissing,
        408 => EmbeddingFailure.Timeout,
        429 => EmbeddingFailure.RateLimited,
        >= 500 => EmbeddingFailure.ServerError,
        _ => EmbeddingFailure.Rejected,
    };

    private static string Describe(EmbeddingFailure failure) => failure switch
    {
        EmbeddingFailure.Down => "it is down",
        EmbeddingFailure.Unreachable => "it cannot be reached",
        EmbeddingFailure.Timeout => "it did not answer in time",
        EmbeddingFailure.ServerError => "it failed",
        EmbeddingFailure.RateLimited => "it is overloaded",
        EmbeddingFailure.ModelMissing => "it does not have the model",
        EmbeddingFailure.Rejected => "it refused the request",
        EmbeddingFailure.Malformed => "its answer is broken",
        _ => "its vectors have the wrong size",
    };
}
