namespace TacticalRag.Api.Conversations;

/// <summary>
/// Writes conversation summaries after the answers that made them due have been sent: a summary is a model call of its
/// own (seconds, more on a slow backend), and no caller should wait for it before its <c>done</c>.
/// </summary>
internal sealed partial class ConversationFoldService(
    ConversationFoldQueue queue, ConversationMemory memory, ILogger<ConversationFoldService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var conversation in queue.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await memory.FoldAsync(conversation, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The turns stay in the conversation unsummarised; the next turn tries the fold again.
                    LogFoldFailed(logger, conversation.Id, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Summarising conversation {ConversationId} failed; its older turns stay as they are")]
    private static partial void LogFoldFailed(ILogger logger, string conversationId, Exception exception);
}
