using System.Diagnostics;
using TacticalRag.Web.Api;

namespace TacticalRag.Web.Components.Chat;

/// <summary>
/// The conversation on screen: its turns, its id at the API once the first answer gave it one, and the answer
/// being streamed, which <see cref="Stop"/> ends. One answer at a time.
/// </summary>
public sealed class ChatSession(AskApiClient api)
{
    // While tokens keep arriving faster than the network delivers them, still show progress this often.
    private static readonly TimeSpan s_maxBatchAge = TimeSpan.FromMilliseconds(100);

    private readonly List<ChatTurn> _turns = [];
    private CancellationTokenSource? _answering;
    private int _generation;

    public IReadOnlyList<ChatTurn> Turns => _turns;

    public string? ConversationId { get; private set; }

    public bool IsAnswering => _answering is not null;

    /// <summary>Told the id and first question of a conversation the API has just started.</summary>
    public Func<string, string, Task>? ConversationStarted { get; set; }

    /// <summary>Shows another conversation (or a new, empty one), abandoning any answer still streaming.</summary>
    public void Reset(string? conversationId, IEnumerable<ChatTurn> turns)
    {
        Stop();
        _answering = null;
        _generation++;
        _turns.Clear();
        _turns.AddRange(turns);
        ConversationId = conversationId;
    }

    /// <summary>Asks <paramref name="question"/> in this conversation; <paramref name="render"/> shows progress.</summary>
    public async Task AskAsync(string question, Action render)
    {
        if (IsAnswering || string.IsNullOrWhiteSpace(question))
        {
            return;
        }
        var turn = new ChatTurn(question.Trim());
        turn.Start();
        _turns.Add(turn);
        var generation = _generation;
        using var answering = _answering = new CancellationTokenSource();
        try
        {
            await StreamAsync(turn, new AskRequest(turn.Question, ConversationId), generation, render, answering.Token);
        }
        catch (OperationCanceledException) when (answering.IsCancellationRequested)
        {
            // Stopped by the user, or abandoned for another conversation.
        }
        finally
        {
            turn.EndIfStillStreaming();
            if (_answering == answering)
            {
                _answering = null;
            }
        }
    }

    /// <summary>Asks a failed turn's question again, in place of the failed turn.</summary>
    public Task RetryAsync(ChatTurn failed, Action render)
    {
        if (IsAnswering || !_turns.Remove(failed))
        {
            return Task.CompletedTask;
        }
        return AskAsync(failed.Question, render);
    }

    public void Stop() => _answering?.Cancel();

    private async Task StreamAsync(ChatTurn turn, AskRequest request, int generation, Action render, CancellationToken cancellationToken)
    {
        var sinceRender = Stopwatch.StartNew();
        await using var events = api.StreamAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            // Render what has arrived whenever the next event means waiting on the network: one render per
            // network read, however many tokens it carried.
            var next = events.MoveNextAsync();
            if (!next.IsCompleted || sinceRender.Elapsed > s_maxBatchAge)
            {
                render();
                sinceRender.Restart();
            }
            if (!await next)
            {
                break;
            }
            turn.Apply(events.Current);
            if (events.Current is AskCitationsEvent citations && generation == _generation && ConversationId is null)
            {
                ConversationId = citations.ConversationId;
                if (ConversationStarted is { } started)
                {
                    await started(citations.ConversationId, turn.Question);
                }
            }
        }
        render();
    }
}
