using System.Text;
using TacticalRag.Api.Passages;

namespace TacticalRag.Api.Answering;

/// <summary>
/// What the user gets when no model server answers: the most relevant passages, clearly labelled as such, each
/// shown by its excerpt for the question with the question's words in bold.
/// </summary>
internal static class RetrievalOnlyAnswer
{
    public const string Heading = "No language model is available right now, so this is not a written answer. These are the most relevant passages in the library:";

    public const string NothingFound = "Nothing in the library matches this question.";

    /// <summary>How many passages the answer quotes: its sources are these and no others.</summary>
    public const int MaxPassages = 3;

    /// <summary>The passages <see cref="Compose"/> quotes, which are the answer's sources (cited, listed, stored).</summary>
    public static IReadOnlyList<Citation> Quoted(IReadOnlyList<Citation> passages) =>
        passages.Count <= MaxPassages ? passages : passages.Take(MaxPassages).ToArray();

    public static string Compose(IReadOnlyList<Citation> passages)
    {
        if (passages.Count == 0)
        {
            return NothingFound;
        }
        var text = new StringBuilder(Heading).AppendLine().AppendLine();
        foreach (var passage in Quoted(passages))
        {
            text.Append('[').Append(passage.Index).Append("] ").Append(ExcerptMarkdown.Escape(passage.Title));
            if (passage.Section is { Length: > 0 } section) text.Append(" — ").Append(ExcerptMarkdown.Escape(section));
            if (passage.Page is { } page) text.Append(" (page ").Append(page).Append(')');
            text.AppendLine(":");
            var excerpt = passage.Excerpt is { Length: > 0 } ? new PassageExcerpt(passage.Excerpt, passage.Highlights ?? [])
                : ExcerptBuilder.Build(passage.Text, question: "");
            text.Append("> ").AppendLine(ExcerptMarkdown.Bold(excerpt.Text, excerpt.Highlights).ReplaceLineEndings(" ")).AppendLine();
        }
        return text.ToString().TrimEnd();
    }
}
