using TacticalRag.Api.ModelServerKit;

namespace TacticalRag.Api.Embeddings;

/// <summary>What this replica believes about the embedding server, fed by its health probe and by live calls.</summary>
internal sealed class EmbeddingServerState : ModelServerState;
