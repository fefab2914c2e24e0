using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Prompting;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Asks the language model for other phrasings of a question, to search beside it. Optional by nature: without a
/// model, or when it fails or is slow, the search goes on with the question alone.
/// </summary>
public sealed partial class QueryVariantWriter(
    IOptions<RetrievalOptions> options, ILogger<QueryVariantWriter> logger, IChatClient? chatClient = null)
{
    private const string Instructions =
        "You rewrite search queries for a document search engine. Write {0} different rephrasings of the user's " +
        "question that use other words for the same need. One per line. No numbering, no quotes, no explanations.";

    public async Task<IReadOnlyList<string>> WriteAsync(string question, int count, CancellationToken cancellationToken)
    {
        if (chatClient is null || count <= 0)
        {
            return [];
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.QueryVariantTimeout);
        try
        {
            var response = await chatClient.GetResponseAsync(
                // The question is user text: like every prompt that holds it, it carries no chat-template tokens in.
                [new ChatMessage(ChatRole.System, string.Format(null, Instructions, count)), new ChatMessage(ChatRole.User, PromptText.Neutralize(question))],
                new ChatOptions { MaxOutputTokens = 48 * count, Temperature = 0.3f },
                timeout.Token);
            return ParseVariants(response.Text, question, count);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Query variants took longer than {Timeout}; searching without them.", options.Value.QueryVariantTimeout);
            return [];
        }
        catch (NoLlmBackendAvailableException exception)
        {
            // No model server is up: the system answers retrieval-only by design, so this is no warning per question.
            LogNoBackend(logger, exception.Message);
            return [];
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Any backend failure (no backend, a protocol error) costs only the variants, never the search.
            logger.LogWarning(exception, "Query variants unavailable; searching without them.");
            return [];
        }
    }

    /// <summary>Lines of the model's answer, cleaned of list markers and quotes, without repeats of the question.</summary>
    public static IReadOnlyList<string> ParseVariants(string text, string question, int count) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => ListMarker().Replace(line, "").Trim().Trim('"', '\'', '“', '”').Trim())
            .Where(line => line.Length >= 3 && line.Length <= 2 * Math.Max(question.Length, 100))
            .Where(line => !line.EndsWith(':'))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(line => !string.Equals(line, question.Trim(), StringComparison.OrdinalIgnoreCase))
            .Take(count)
            .ToList();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Query variants skipped: {Reason}")]
    private static partial void LogNoBackend(ILogger logger, string reason);

    [GeneratedRegex(@"^\s*(?:[-*•]+|\(?\d+[.)]|[a-zA-Z][.)])\s*")]
    private static partial Regex ListMarker();
}
