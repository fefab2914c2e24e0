using System.Runtime.InteropServices;

namespace TacticalRag.ModelServerSim;

/// <summary>Runs the simulator as a process, for the AppHost in local mode and for manual poking with curl.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        SimulatorOptions options;
        SimFault fault;
        try
        {
            (options, fault) = SimulatorCommandLine.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            await Console.Error.WriteLineAsync($"{ex.Message} Usage: --port 8000 --vllm-model X --ollama-model Y --fault none --api-key K");
            return 2;
        }

        var stop = new TaskCompletionSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        await using var simulator = await ModelServerSimulator.StartAsync(options);
        await simulator.SetFaultAsync(fault);
        Console.WriteLine($"Model server simulator listening on http://127.0.0.1:{simulator.Port}");
        await stop.Task;
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
    }
}
