using Microsoft.Extensions.AI;

namespace TacticalRag.Api.Prompting;

/// <summary>The request for other phrasings of a question, to search beside it; the question is user text, quoted neutralised.</summary>
public static class QueryVariantsPrompt
{
    public static IReadOnlyList<ChatMessage> Build(string question, int count) =>
    [
        new ChatMessage(ChatRole.System,
            $"You rewrite search queries for a document search engine. Write {count} different rephrasings of the user's " +
            "question that use other words for the same need. One per line. No numbering, no quotes, no explanations."),
        new ChatMessage(ChatRole.User, new PromptWriter().Quote(question).ToString()),
    ];
}
