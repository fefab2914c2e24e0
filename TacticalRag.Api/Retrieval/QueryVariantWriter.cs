using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Prompting;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Asks the language model for other phrasings of a question, to search beside it. Optional by nature: without a
/// model, or when it fails or is slow, the search goes on with the question alone (<see cref="OptionalModelCall"/>).
/// </summary>
public sealed partial class QueryVariantWriter(
    IOptions<RetrievalOptions> options, ILogger<QueryVariantWriter> logger, IChatClient? chatClient = null)
{
    public async Task<IReadOnlyList<string>> WriteAsync(string question, int count, CancellationToken cancellationToken)
    {
        if (chatClient is null || count <= 0)
        {
            return [];
        }
        var budget = options.Value.QueryVariantTimeout;
        var response = await chatClient.TryGetResponseAsync(
            QueryVariantsPrompt.Build(question, count), new ChatOptions { MaxOutputTokens = 48 * count, Temperature = 0.3f }, budget, cancellationToken,
            skipped: exception =>
            {
                if (exception is OperationCanceledException) LogTooSlow(logger, budget);
                // No model server is up: the system answers retrieval-only by design, so this is no warning per question.
                else LogNoBackend(logger, exception.Message);
            });
        return response is null ? [] : ParseVariants(response.Text, question, count);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Query variants took longer than {Timeout}; searching without them.")]
    private static partial void LogTooSlow(ILogger logger, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Query variants skipped: {Reason}")]
    private static partial void LogNoBackend(ILogger logger, string reason);

    [GeneratedRegex(@"^\s*(?:[-*•]+|\(?\d+[.)]|[a-zA-Z][.)])\s*")]
    private static partial Regex ListMarker();
}
