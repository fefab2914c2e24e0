namespace TacticalRag.Api.Storage;

/// <summary>
/// The library's vectors were made by another embedding model. Mixing them would compare numbers from two different
/// spaces, so the store refuses rather than silently degrading retrieval.
/// </summary>
public sealed class EmbeddingModelMismatchException(string storedModel, string requestedModel)
    : InvalidOperationException(
        $"The library's vectors were made with embedding model '{storedModel}', not '{requestedModel}'. " +
        "Use the same model, or clear the library before switching models.")
{
    public string StoredModel { get; } = storedModel;

    public string RequestedModel { get; } = requestedModel;
}
