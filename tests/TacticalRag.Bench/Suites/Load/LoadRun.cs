using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting.Plots;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Bench.Suites.Load;

/// <summary>One request of a load run as its asker saw it; times in seconds from the start of the measured run.</summary>
/// <param name="Status">HTTP status; 0 when no response came (connection failure, client timeout).</param>
/// <param name="Backend">"vllm", "ollama" or "none" (retrieval-only) from a 200 answer; null otherwise.</param>
public sealed record LoadRecord(double Started, double Completed, double Ms, int Status, string? Backend, bool Cached)
{
    public bool Failed => Status != 200;
}

public sealed record LoadRunResult(
    string Endpoint, int Askers, TimeSpan Duration, IReadOnlyList<LoadRecord> Records, IReadOnlyList<DownSpan> VllmDown,
    ProcessCounters Used, string LoadAverageBefore, string LoadAverageAfter);

/// <summary>
/// A closed-loop load: each asker sends a request, reads the whole answer, and sends the next, for the run's duration.
/// Every request is recorded with who answered it; when asked to, the vLLM simulator flaps meanwhile
/// (<see cref="SimFault.Flapping"/>), and its listener is watched so the report can say when it was refusing.
/// </summary>
public static class LoadRun
{
    private static readonly TimeSpan ListenerPoll = TimeSpan.FromMilliseconds(50);

    /// <param name="body">The JSON body for an asker's n-th request.</param>
    /// <param name="flap">Flap the vLLM simulator during the run (its own interval, starting open), and leave it up after.</param>
    public static async Task<LoadRunResult> RunAsync(
        HttpClient client, string path, int askers, TimeSpan duration, Func<int, int, object> body, ModelServerSimulator vllm,
        bool flap, CancellationToken cancellationToken)
    {
        var loadBefore = LoadAverage();
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        if (flap)
        {
            await vllm.SetFaultAsync(SimFault.Flapping, cancellationToken);
        }
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watcher = WatchListenerAsync(vllm, started, watching.Token);
        var before = ProcessCounters.Read();
        var perAsker = await Task.WhenAll(Enumerable.Range(0, askers).Select(asker =>
            Task.Run(() => AskAsync(client, path, asker, started, end, body, cancellationToken), cancellationToken)));
        var used = ProcessCounters.Read() - before;
        await watching.CancelAsync();
        var down = await watcher;
        if (flap)
        {
            await vllm.SetFaultAsync(SimFault.None, cancellationToken);
        }
        var records = perAsker.SelectMany(r => r).OrderBy(r => r.Completed).ToList();
        return new LoadRunResult(path, askers, duration, records, down, used, loadBefore, LoadAverage());
    }

    private static async Task<List<LoadRecord>> AskAsync(
        HttpClient client, string path, int asker, long started, long end, Func<int, int, object> body, CancellationToken cancellationToken)
    {
        List<LoadRecord> records = [];
        for (var turn = 0; Stopwatch.GetTimestamp() is var sent && sent < end; turn++)
        {
            var (status, backend, cached) = await SendAsync(client, path, body(asker, turn), cancellationToken);
            var completed = Stopwatch.GetTimestamp();
            records.Add(new LoadRecord(Seconds(started, sent), Seconds(started, completed),
                Stopwatch.GetElapsedTime(sent, completed).TotalMilliseconds, status, backend, cached));
        }
        return records;
    }

    private static async Task<(int Status, string? Backend, bool Cached)> SendAsync(HttpClient client, string path, object body, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(path, content, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return ((int)response.StatusCode, null, false);
            }
            using var answer = JsonDocument.Parse(bytes);
            var root = answer.RootElement;
            return (200, root.GetProperty("backend").GetString(), root.TryGetProperty("cached", out var cached) && cached.GetBoolean());
        }
        catch (HttpRequestException)
        {
            return (0, null, false);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, null, false); // the client's timeout: no answer, as a user would see it
        }
    }

    /// <summary>Spans during which the vLLM simulator's listener was closed, to within the poll interval.</summary>
    private static async Task<IReadOnlyList<DownSpan>> WatchListenerAsync(ModelServerSimulator vllm, long started, CancellationToken stop)
    {
        List<DownSpan> spans = [];
        double? downSince = null;
        using var timer = new PeriodicTimer(ListenerPoll);
        do
        {
            var now = Seconds(started, Stopwatch.GetTimestamp());
            if (!vllm.IsListening && downSince is null)
            {
                downSince = now;
            }
            else if (vllm.IsListening && downSince is { } from)
            {
                spans.Add(new DownSpan(from, now));
                downSince = null;
            }
        }
        while (await TickAsync(timer, stop));
        if (downSince is { } open)
        {
            spans.Add(new DownSpan(open, Seconds(started, Stopwatch.GetTimestamp())));
        }
        return spans;
    }

    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }
    }

    private static double Seconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalSeconds;

    /// <summary>Linux's 1, 5 and 15 minute load averages: how busy the shared machine was around the run.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
