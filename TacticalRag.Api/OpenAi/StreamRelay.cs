using System.Text;
using Microsoft.Extensions.AI;
using TacticalRag.Api.Llm;

namespace TacticalRag.Api.OpenAi;

/// <summary>What a relayed stream produced: the whole text (for usage and citations), the finish reason, reported usage.</summary>
internal sealed record RelayedAnswer(string Text, string FinishReason, UsageDetails? Usage);

/// <summary>Relays the gateway's updates, from the one already read, as content chunks.</summary>
internal static class StreamRelay
{
    /// <returns>Null when the backend broke off mid-answer; the stream has then been ended with an error event.</returns>
    public static async Task<RelayedAnswer?> RelayAsync(
        IAsyncEnumerator<ChatResponseUpdate> updates, ChatChunkStream stream, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        UsageDetails? usage = null;
        try
        {
            do
            {
                var update = updates.Current;
                finish = update.FinishReason ?? finish;
                usage = TokenUsage.Reported(update, usage);
                if (!string.IsNullOrEmpty(update.Text))
                {
                    text.Append(update.Text);
                    await stream.ContentAsync(update.Text, cancellationToken);
                }
            }
            while (await updates.MoveNextAsync());
        }
        catch (LlmStreamInterruptedException exception)
        {
            await stream.FailAsync(exception.Message, "stream_interrupted", cancellationToken);
            return null;
        }
        return new RelayedAnswer(text.ToString(), FinishReasonOf(finish), usage);
    }

    public static string FinishReasonOf(ChatFinishReason? reason) => reason?.Value ?? ChatFinishReason.Stop.Value;
}
