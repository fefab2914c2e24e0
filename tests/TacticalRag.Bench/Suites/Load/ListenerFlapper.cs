using System.Diagnostics;
using TacticalRag.Bench.Reporting.Plots;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Bench.Suites.Load;

/// <summary>
/// Flaps the vLLM simulator: its listener open for an interval (<see cref="SimFault.None"/>), closed for the next
/// (<see cref="SimFault.Refuse"/>: connections refused, open ones closed), and so on, starting open. Records when it
/// was closed, in seconds from the run's start, for the report.
/// </summary>
public sealed class ListenerFlapper
{
    private readonly ModelServerSimulator _vllm;
    private readonly long _runStarted;
    private readonly List<DownSpan> _down = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private double? _downSince;

    private ListenerFlapper(ModelServerSimulator vllm, TimeSpan interval, long runStarted)
    {
        _vllm = vllm;
        _runStarted = runStarted;
        _loop = RunAsync(interval, _stop.Token);
    }

    /// <param name="runStarted">Stopwatch timestamp the recorded spans count from.</param>
    public static ListenerFlapper Start(ModelServerSimulator vllm, TimeSpan interval, long runStarted) => new(vllm, interval, runStarted);

    /// <summary>Stops flapping, leaves the listener open, and returns the spans during which it was closed.</summary>
    public async Task<IReadOnlyList<DownSpan>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        await _vllm.SetFaultAsync(SimFault.None);
        if (_downSince is { } from)
        {
            _down.Add(new DownSpan(from, Now()));
        }
        return _down;
    }

    private async Task RunAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (_downSince is { } from)
                {
                    await _vllm.SetFaultAsync(SimFault.None, stop);
                    _down.Add(new DownSpan(from, Now()));
                    _downSince = null;
                }
                else
                {
                    // Counted from the moment the listener starts closing: new connections are refused from then on.
                    _downSince = Now();
                    await _vllm.SetFaultAsync(SimFault.Refuse, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over: the normal end.
        }
    }

    private double Now() => Stopwatch.GetElapsedTime(_runStarted).TotalSeconds;
}
