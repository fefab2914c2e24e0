using System.Net;
using System.Net.Sockets;
using TacticalRag.ModelServerSim;
using static TacticalRag.ModelServerSim.Tests.SimulatorHttp;

namespace TacticalRag.ModelServerSim.Tests;

/// <summary>Faults below the HTTP answer: refused connections, a server that is still loading, hung requests.</summary>
public sealed class ConnectionFaultTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task RefuseClosesTheListenerSoConnectionsAreRefused()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.Refuse);
        using var client = Client(simulator);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("health"));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Equal(SimFault.Refuse, simulator.Fault);
    }

    [Fact]
    public async Task AfterRefuseNoneServesAgainOnTheSamePort()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        var address = simulator.BaseAddress;
        using var client = Client(simulator);
        (await client.GetAsync("health")).Dispose();

        await simulator.SetFaultAsync(SimFault.Refuse);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("health"));
        await simulator.SetFaultAsync(SimFault.None);
        using var health = await client.GetAsync("health");
        using var chat = await client.PostJsonAsync("api/chat", OllamaChat(stream: false));

        Assert.Equal(address, simulator.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
    }

    [Theory]
    [InlineData(SimFault.Loading, "health")]
    [InlineData(SimFault.Loading, "api/tags")]
    [InlineData(SimFault.Hang, "health")]
    [InlineData(SimFault.Hang, "v1/models")]
    public async Task LoadingAndHangNeverAnswerSoAClientTimesOut(SimFault fault, string path)
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(fault);
        using var client = Client(simulator, ShortTimeout);

        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync(path));

        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Theory]
    [InlineData(SimFault.Loading)]
    [InlineData(SimFault.Hang)]
    public async Task GenerationNeverAnswersUnderLoadingOrHang(SimFault fault)
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(fault);
        using var client = Client(simulator, ShortTimeout);

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.PostJsonAsync("v1/chat/completions", VllmChat(stream: true)));
    }

    [Fact]
    public async Task LoadingHoldsRequestsOnConnectionsOpenedBeforeIt()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var warm = Client(simulator);
        (await warm.GetAsync("health")).Dispose();
        await simulator.SetFaultAsync(SimFault.Loading);
        using var giveUp = new CancellationTokenSource(ShortTimeout);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => warm.GetAsync("health", giveUp.Token));
    }

    [Fact]
    public async Task WhenLoadingEndsHeldConnectionsCloseWithoutAnAnswerAndNewOnesAreServed()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.Loading);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, simulator.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray());
        await WaitUntilAsync(() => simulator.HeldConnections == 1);

        await simulator.SetFaultAsync(SimFault.None);
        var answer = await ReadToEndOrResetAsync(stream).WaitAsync(Bound);
        using var client = Client(simulator);
        using var health = await client.GetAsync("health");

        Assert.Empty(answer);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task WhenHangEndsHungRequestsFailInsteadOfHangingOn()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.Hang);
        using var client = Client(simulator);
        var hung = client.PostJsonAsync("api/chat", OllamaChat(stream: false));
        await WaitUntilAsync(() => simulator.GenerationRequests == 1);

        await simulator.SetFaultAsync(SimFault.None);

        await Assert.ThrowsAsync<HttpRequestException>(() => hung.WaitAsync(Bound));
    }

    [Fact]
    public async Task DisposeReturnsWhileRequestsHangAndTheClientSeesTheConnectionEnd()
    {
        var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.Hang);
        using var client = Client(simulator);
        var hung = client.PostJsonAsync("v1/chat/completions", VllmChat(stream: false));
        await WaitUntilAsync(() => simulator.GenerationRequests == 1);

        await simulator.DisposeAsync().AsTask().WaitAsync(Bound);

        await Assert.ThrowsAsync<HttpRequestException>(() => hung.WaitAsync(Bound));
    }

    [Fact]
    public async Task DisposeReturnsWhileConnectionsAreHeldByLoading()
    {
        var simulator = await ModelServerSimulator.StartAsync();
        await simulator.SetFaultAsync(SimFault.Loading);
        using var client = Client(simulator);
        var held = client.GetAsync("health");
        await WaitUntilAsync(() => simulator.HeldConnections == 1);

        await simulator.DisposeAsync().AsTask().WaitAsync(Bound);

        await Assert.ThrowsAsync<HttpRequestException>(() => held.WaitAsync(Bound));
    }
}
