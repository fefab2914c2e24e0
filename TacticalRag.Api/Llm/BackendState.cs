using TacticalRag.Api.ModelServerKit;

namespace TacticalRag.Api.Llm;

/// <summary>
/// What the gateway currently believes about one backend, fed by the model-server kit's probe loop and by live
/// requests: the kit's state machine in the gateway's own failure vocabulary (<see cref="FailureReason"/>).
/// </summary>
public sealed class BackendState() : ModelServerState<FailureReason>(FailureReasons.FromProbe);
