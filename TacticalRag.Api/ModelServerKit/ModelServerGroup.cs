namespace TacticalRag.Api.ModelServerKit;

/// <summary>One model server of a group: how it is probed, its state, and whether configuration turned it off.</summary>
/// <param name="Enabled">False when configuration turned it off (<c>USE_VLLM=false</c>): listed, never probed.</param>
public sealed record ModelServerMember(ModelServerProbe Probe, IModelServerState State, bool Enabled = true)
{
    /// <summary>Probed by the monitor: configured and enabled.</summary>
    public bool IsProbed => Probe.IsConfigured && Enabled;

    /// <summary>How <c>/api/llm/backends</c> and the health data name its state.</summary>
    public string StateName => NameOf(Probe.IsConfigured, Enabled, State.Availability);

    /// <summary><c>not_configured</c>, <c>disabled</c>, or the availability in lower case.</summary>
    public static string NameOf(bool configured, bool enabled, ModelServerAvailability availability) =>
        !configured ? "not_configured"
        : !enabled ? "disabled"
        : availability.ToString().ToLowerInvariant();
}

/// <summary>
/// Model servers that stand in for one another, in preference order (vLLM, then Ollama), or a single optional one (the
/// reranker): what the probe loop probes and the health check reports on.
/// </summary>
/// <param name="Kind">What the servers are, for the health check ("model server", "reranker").</param>
/// <param name="WhenNoneUp">What users get while none is up ("answers are retrieval-only").</param>
/// <param name="AfterFirstProbe">Runs once every member has been probed once (the LLM gateway's readiness line).</param>
public sealed record ModelServerGroup(string Kind, string WhenNoneUp, IReadOnlyList<ModelServerMember> Members, Action? AfterFirstProbe = null)
{
    /// <summary>A group of one optional server.</summary>
    public static ModelServerGroup Single(ModelServerProbe probe, IModelServerState state) =>
        new(probe.Name, probe.WhenDown, [new ModelServerMember(probe, state)]);

    /// <summary>The member every request tries first; null when none is configured and enabled.</summary>
    public ModelServerMember? Preferred => Members.FirstOrDefault(m => m.IsProbed);

    /// <summary>The first member that is up, in preference order.</summary>
    public ModelServerMember? Active => Members.FirstOrDefault(m => m.IsProbed && m.State.Availability == ModelServerAvailability.Up);
}
