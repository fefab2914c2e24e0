using Microsoft.AspNetCore.Connections;

namespace TacticalRag.ModelServerSim;

/// <summary>
/// A real loopback HTTP server that speaks vLLM's OpenAI-compatible API, Ollama's API and the two rerank APIs
/// (text-embeddings-inference's <c>/rerank</c>, vLLM's <c>/v1/rerank</c>) on one port, with faults on demand. Tests
/// start one instance per model server they need.
/// </summary>
public sealed class ModelServerSimulator : IAsyncDisposable
{
    private readonly SimulatorState _state;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WebApplication? _app;
    private FlapLoop? _flapping;
    private bool _disposed;

    private ModelServerSimulator(SimulatorState state, WebApplication app)
    {
        _state = state;
        _app = app;
        Port = SimulatorApp.BoundPort(app);
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
    }

    /// <summary>Listens on 127.0.0.1 at <see cref="SimulatorOptions.Port"/> (0: a free port).</summary>
    public static async Task<ModelServerSimulator> StartAsync(SimulatorOptions? options = null, CancellationToken ct = default)
    {
        var state = new SimulatorState(options ?? new SimulatorOptions());
        var app = await SimulatorApp.StartAsync(state, state.Options.Port, ct);
        return new ModelServerSimulator(state, app);
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>, the same across <see cref="SimFault.Refuse"/> and back.</summary>
    public Uri BaseAddress { get; }

    public int Port { get; }

    public SimFault Fault => _state.Fault;

    /// <summary>Chat, completion and generate requests that reached HTTP handling, whatever the fault.</summary>
    public int GenerationRequests => _state.GenerationRequests;

    /// <summary>Rerank requests (<c>/rerank</c>, <c>/v1/rerank</c>, <c>/v2/rerank</c>) that reached HTTP handling, whatever the fault.</summary>
    public int RerankRequests => _state.RerankRequests;

    /// <summary>Embedding requests (<c>/api/embed</c>, <c>/v1/embeddings</c>) that reached HTTP handling, whatever the fault.</summary>
    public int EmbeddingRequests => _state.EmbeddingRequests;

    public void ResetCounters() => _state.ResetCounters();

    /// <summary>Connections held by <see cref="SimFault.Loading"/>: tests wait on it to know a hold has begun.</summary>
    public int HeldConnections => _state.HeldConnections;

    /// <summary>Whether the listener is open now: false under <see cref="SimFault.Refuse"/> and in a down phase of <see cref="SimFault.Flapping"/>.</summary>
    public bool IsListening => Volatile.Read(ref _app) is not null;

    /// <summary>
    /// <see cref="SimFault.Refuse"/> stops listening (open connections are closed); <see cref="SimFault.Flapping"/> listens
    /// and starts closing and reopening the listener every <see cref="SimulatorOptions.FlapInterval"/>; any other value
    /// listens again on the same port. Returns once the change is in effect.
    /// </summary>
    public async Task SetFaultAsync(SimFault fault, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await StopFlappingAsync();
            _state.SetFault(fault);
            await ListenAsync(fault != SimFault.Refuse, ct);
            if (fault == SimFault.Flapping)
            {
                _flapping = new FlapLoop(_state.Options.FlapInterval, ToggleListenerAsync);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                await StopFlappingAsync();
            }
            finally
            {
                await ListenAsync(false, CancellationToken.None);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One beat of <see cref="SimFault.Flapping"/>, taken under the same gate as fault changes.</summary>
    private async Task ToggleListenerAsync(CancellationToken stop)
    {
        await _gate.WaitAsync(stop);
        try
        {
            await ListenAsync(_app is null, stop);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StopFlappingAsync()
    {
        if (_flapping is not null)
        {
            var flapping = _flapping;
            _flapping = null;
            await flapping.StopAsync();
        }
    }

    /// <summary>Opens or closes the listener; callers hold the gate.</summary>
    private async Task ListenAsync(bool listen, CancellationToken ct)
    {
        if (!listen && _app is not null)
        {
            var app = _app;
            Volatile.Write(ref _app, null);
            await StopAsync(app);
        }
        else if (listen && _app is null)
        {
            Volatile.Write(ref _app, await RestartAsync(ct));
        }
    }

    private static async Task StopAsync(WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>The port was ours a moment ago; if the OS has not released it yet, try again briefly.</summary>
    private async Task<WebApplication> RestartAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SimulatorApp.StartAsync(_state, Port, ct);
            }
            catch (IOException ex) when (attempt < 20 && ex.InnerException is AddressInUseException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            }
        }
    }
}
