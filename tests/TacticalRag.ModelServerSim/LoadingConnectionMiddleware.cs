using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace TacticalRag.ModelServerSim;

/// <summary>
/// <see cref="SimFault.Loading"/> at the connection level: the socket is accepted but no HTTP is ever spoken, as when
/// vLLM is still loading its model behind a port that already accepts. What the client sends is read and dropped so
/// that its disconnect is noticed; the connection is closed when the client leaves, the fault changes or the server
/// stops, so no held connection outlives the fault.
/// </summary>
internal sealed class LoadingConnectionMiddleware(SimulatorState state, CancellationToken serverStopping)
{
    public async Task InvokeAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var faultChanged = state.FaultChangedToken;
        if (state.Fault == SimFault.Loading)
        {
            using var held = state.TrackHeldConnection();
            await HoldAsync(connection.Transport.Input, faultChanged);
            return;
        }

        await next(connection);
    }

    private async Task HoldAsync(PipeReader input, CancellationToken faultChanged)
    {
        using var release = CancellationTokenSource.CreateLinkedTokenSource(faultChanged, serverStopping);
        using var wake = release.Token.Register(input.CancelPendingRead);
        while (true)
        {
            var result = await input.ReadAsync();
            input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }
}
