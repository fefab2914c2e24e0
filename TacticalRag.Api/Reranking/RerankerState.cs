using TacticalRag.Api.ModelServerKit;

namespace TacticalRag.Api.Reranking;

/// <summary>What this replica believes about the reranker, fed by its health probe and by live searches.</summary>
internal sealed class RerankerState : ModelServerState;
