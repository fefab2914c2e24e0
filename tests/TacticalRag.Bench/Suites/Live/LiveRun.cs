using System.Diagnostics;
using TacticalRag.Bench.Reporting;

namespace TacticalRag.Bench.Suites.Live;

/// <summary>
/// Streams the prompts to one target with a fixed number of answers in flight: an unrecorded warm-up answer first
/// (Ollama loads its model on the first request), then <c>requests</c> answers, prompt i being prompt i mod the set.
/// </summary>
public static class LiveRun
{
    public static async Task<LiveCell> MeasureAsync(
        ILiveTarget target, IReadOnlyList<RagPrompt> prompts, int concurrency, int requests, CancellationToken cancellationToken)
    {
        Progress.Step($"{target.Name}: concurrency {concurrency}, {requests} answers");
        try
        {
            await target.StreamAsync(prompts[0].Text, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A server that cannot answer the warm-up (down, model not pulled, wrong model name) gets a row saying why.
            Progress.Step($"{target.Name} did not answer the warm-up: {exception.Message}");
            return new LiveCell(target.Name, target.Model, concurrency, [], requests, $"warm-up failed: {Describe(exception)}", TimeSpan.Zero);
        }

        var answers = new StreamedAnswer?[requests];
        var errors = 0;
        string? firstError = null;
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < requests; i = Interlocked.Increment(ref next))
            {
                try
                {
                    answers[i] = await target.StreamAsync(prompts[i % prompts.Count].Text, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, Describe(exception), null);
                }
            }
        });
        await Task.WhenAll(workers);
        var wall = Stopwatch.GetElapsedTime(started);
        return new LiveCell(target.Name, target.Model, concurrency, answers.OfType<StreamedAnswer>().ToList(), errors, firstError, wall);
    }

    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";
}
