using System.Diagnostics;
using System.Net;
using TacticalRag.ModelServerSim;
using static TacticalRag.ModelServerSim.Tests.SimulatorHttp;

namespace TacticalRag.ModelServerSim.Tests;

/// <summary>
/// <see cref="SimFault.Flapping"/>: a server that keeps going away and coming back, as a GPU node does when its
/// container restarts in a loop. Up phases answer normally, down phases refuse connections, on the same port.
/// </summary>
public sealed class FlappingFaultTests
{
    private static readonly TimeSpan FlapInterval = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task FlappingAlternatesBetweenAnsweringAndRefusingOnTheSamePort()
    {
        await using var simulator = await ModelServerSimulator.StartAsync(new SimulatorOptions { FlapInterval = FlapInterval });
        var address = simulator.BaseAddress;
        using var client = FreshConnectionClient(simulator);

        await simulator.SetFaultAsync(SimFault.Flapping);

        // Up, down, up, down: each phase is waited for (bounded), so the test proves the rhythm, not its timing.
        // An up phase only counts once a chat request got a normal answer in it.
        foreach (var up in new[] { true, false, true, false })
        {
            await WaitForPhaseAsync(client, up, AnswersChatAsync);
        }

        Assert.Equal(SimFault.Flapping, simulator.Fault);
        Assert.Equal(address, simulator.BaseAddress);
    }

    [Theory]
    [InlineData(SimFault.None, true)]
    [InlineData(SimFault.Refuse, false)]
    public async Task AnotherFaultStopsTheFlapping(SimFault next, bool listening)
    {
        await using var simulator = await ModelServerSimulator.StartAsync(new SimulatorOptions { FlapInterval = FlapInterval });
        using var client = FreshConnectionClient(simulator);
        await simulator.SetFaultAsync(SimFault.Flapping);
        await WaitForPhaseAsync(client, up: false);

        await simulator.SetFaultAsync(next);

        // Watch for several flap intervals: the listener must hold the state the new fault asked for throughout.
        var watched = Stopwatch.StartNew();
        while (watched.Elapsed < FlapInterval * 4)
        {
            Assert.True(await AnswersHealthAsync(client) == listening, $"answering should be {listening} throughout; it changed after {watched.Elapsed}");
            Assert.Equal(listening, simulator.IsListening);
        }
        Assert.Equal(next, simulator.Fault);
    }

    [Fact]
    public async Task DisposeStopsAFlappingSimulator()
    {
        var simulator = await ModelServerSimulator.StartAsync(new SimulatorOptions { FlapInterval = FlapInterval });
        using var client = FreshConnectionClient(simulator);
        await simulator.SetFaultAsync(SimFault.Flapping);
        await WaitForPhaseAsync(client, up: false);
        await WaitForPhaseAsync(client, up: true);

        await simulator.DisposeAsync().AsTask().WaitAsync(Bound);

        Assert.False(simulator.IsListening);
        Assert.False(await AnswersHealthAsync(client));
    }

    /// <summary>No pooled connections: each probe opens its own, so a closed listener shows as a refused connection.</summary>
    private static HttpClient FreshConnectionClient(ModelServerSimulator simulator) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
        {
            BaseAddress = simulator.BaseAddress,
            Timeout = TimeSpan.FromSeconds(5),
        };

    private static async Task WaitForPhaseAsync(HttpClient client, bool up, Func<HttpClient, Task<bool>>? probe = null)
    {
        probe ??= AnswersHealthAsync;
        var waited = Stopwatch.StartNew();
        while (await probe(client) != up)
        {
            if (waited.Elapsed > Bound)
            {
                throw new TimeoutException($"the simulator was never {(up ? "up" : "down")} within {Bound.TotalSeconds} s");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }

    private static Task<bool> AnswersHealthAsync(HttpClient client) => AnswersAsync(() => client.GetAsync("health"));

    private static Task<bool> AnswersChatAsync(HttpClient client) => AnswersAsync(() => client.PostJsonAsync("api/chat", OllamaChat(stream: false)));

    /// <summary>True for a 200, false for a connection that failed; any other answer is not a phase of the flapping and fails the test.</summary>
    private static async Task<bool> AnswersAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return true;
        }
        catch (HttpRequestException)
        {
            // Refused, or reset by a listener closing under the request: either way the server is not answering.
            return false;
        }
    }
}
