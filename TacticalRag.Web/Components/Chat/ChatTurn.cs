using System.Text;
using TacticalRag.Web.Api;

namespace TacticalRag.Web.Components.Chat;

/// <summary>One question and its answer as the chat shows it, filled in event by event while the answer streams.</summary>
public sealed class ChatTurn(string question)
{
    private static int s_nextId;
    private readonly StringBuilder _answer = new();

    /// <summary>Unique on the page: ids for labels and keys.</summary>
    public int Id { get; } = Interlocked.Increment(ref s_nextId);

    public string Question { get; } = question;

    public string Answer => _answer.ToString();

    /// <summary>The numbered sources the answer may cite as [n].</summary>
    public IReadOnlyList<Citation> Sources { get; private set; } = [];

    /// <summary>The sources the finished answer cited, in source order.</summary>
    public IReadOnlyList<Citation> Cited { get; private set; } = [];

    public AnswerOrigin? Origin { get; private set; }

    public AskErrorEvent? Error { get; private set; }

    public bool IsStreaming { get; private set; }

    public bool WasStopped { get; private set; }

    /// <summary>
    /// A turn read back from the API, shown as it was when answered: its sources (so [n] are chips again), the ones it
    /// cited, and its badge with model and time. A turn stored before the API kept them shows its text and backend only.
    /// </summary>
    public static ChatTurn FromStored(ConversationTurn stored)
    {
        var turn = new ChatTurn(stored.Question);
        turn._answer.Append(stored.Answer);
        var shown = stored.Shown;
        turn.Sources = shown?.Sources ?? [];
        var cited = shown?.Cited ?? [];
        turn.Cited = turn.Sources.Where(source => cited.Contains(source.Index)).ToArray();
        turn.Origin = string.IsNullOrEmpty(stored.Backend) ? null
            : shown is null ? new AnswerOrigin(stored.Backend)
            : new AnswerOrigin(stored.Backend, shown.Model, shown.Fallback, shown.Cached, shown.Timings?.TotalMs);
        return turn;
    }

    public void Start() => IsStreaming = true;

    public void Append(string text) => _answer.Append(text);

    public void Apply(AskStreamEvent streamEvent)
    {
        switch (streamEvent)
        {
            case AskCitationsEvent citations:
                Sources = citations.Citations;
                break;
            case AskTokenEvent token:
                _answer.Append(token.Text);
                break;
            case AskDoneEvent done:
                Origin = AnswerOrigin.From(done);
                Cited = Sources.Where(source => done.Cited.Contains(source.Index)).ToArray();
                IsStreaming = false;
                break;
            case AskErrorEvent error:
                Error = error;
                IsStreaming = false;
                break;
        }
    }

    /// <summary>The user stopped the answer: what arrived stays on screen, marked as stopped.</summary>
    public void Stop()
    {
        if (IsStreaming)
        {
            IsStreaming = false;
            WasStopped = true;
        }
    }

    /// <summary>The stream ended without a done or error event (only a cancelled read does that).</summary>
    public void EndIfStillStreaming() => Stop();
}
