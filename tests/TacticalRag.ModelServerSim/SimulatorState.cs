using System.Collections.Concurrent;

namespace TacticalRag.ModelServerSim;

/// <summary>
/// What outlives one Kestrel instance: the fault, the counters and the pulled models survive a
/// <see cref="SimFault.Refuse"/> stop and restart on the same port.
/// </summary>
internal sealed class SimulatorState
{
    private int _fault;
    private int _generationRequests;
    private int _rerankRequests;
    private int _embeddingRequests;
    private int _heldConnections;
    private CancellationTokenSource _faultChanged = new();

    public SimulatorState(SimulatorOptions options)
    {
        Options = options;
        if (options.OllamaModelPulled)
        {
            PulledOllamaModels[OllamaNames.Normalize(options.OllamaModel)] = DateTimeOffset.UtcNow;
        }
    }

    public SimulatorOptions Options { get; }

    public SimFault Fault => (SimFault)Volatile.Read(ref _fault);

    /// <summary>Cancelled when the fault changes, so connections held by <see cref="SimFault.Loading"/> can move on.</summary>
    public CancellationToken FaultChangedToken => Volatile.Read(ref _faultChanged).Token;

    public int GenerationRequests => Volatile.Read(ref _generationRequests);

    public int RerankRequests => Volatile.Read(ref _rerankRequests);

    public int EmbeddingRequests => Volatile.Read(ref _embeddingRequests);

    /// <summary>Connections held open by <see cref="SimFault.Loading"/> right now; lets tests know a hold has begun.</summary>
    public int HeldConnections => Volatile.Read(ref _heldConnections);

    /// <summary>Ollama models on "disk", with the time they were pulled.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> PulledOllamaModels { get; } = new(StringComparer.Ordinal);

    public void SetFault(SimFault fault)
    {
        Volatile.Write(ref _fault, (int)fault);
        // The old source is not disposed: holders may still be registering on its (now cancelled) token.
        Interlocked.Exchange(ref _faultChanged, new CancellationTokenSource()).Cancel();
    }

    public void CountGenerationRequest() => Interlocked.Increment(ref _generationRequests);

    public void CountRerankRequest() => Interlocked.Increment(ref _rerankRequests);

    public void CountEmbeddingRequest() => Interlocked.Increment(ref _embeddingRequests);

    public IDisposable TrackHeldConnection()
    {
        Interlocked.Increment(ref _heldConnections);
        return new HeldConnection(this);
    }

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _generationRequests, 0);
        Interlocked.Exchange(ref _rerankRequests, 0);
        Interlocked.Exchange(ref _embeddingRequests, 0);
    }

    public bool ServesVllmModel(string? requested) =>
        Fault != SimFault.ModelMissing && (requested is null || requested == Options.VllmModel);

    public bool ServesEmbeddingModel(string? requested) =>
        Fault != SimFault.ModelMissing && requested == Options.EmbeddingModel;

    public bool ServesRerankerModel(string? requested) =>
        Fault != SimFault.ModelMissing && (requested is null || requested == Options.RerankerModel);

    public bool HasOllamaModel(string name) =>
        Fault != SimFault.ModelMissing && PulledOllamaModels.ContainsKey(OllamaNames.Normalize(name));

    private sealed class HeldConnection(SimulatorState state) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref state._heldConnections);
    }
}
