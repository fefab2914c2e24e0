namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Retrieval's port for whoever fills this replica's search index from the library (Ingestion's index sync). With one
/// registered, the replica is not ready (<see cref="IndexReadiness"/>) until the loader calls
/// <see cref="IndexReadiness.MarkLoaded"/>; without one (an evaluation, a test that fills the index itself) it is
/// ready at once. The order in which features register does not matter: Retrieval looks for the registration when
/// the readiness is first asked for.
/// </summary>
public interface ISearchIndexLoader
{
    /// <summary>Completes once the index first holds the whole library.</summary>
    Task Loaded { get; }
}
