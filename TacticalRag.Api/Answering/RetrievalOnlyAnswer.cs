using System.Text;

namespace TacticalRag.Api.Answering;

/// <summary>What the user gets when no model server answers: the most relevant passages, clearly labelled as such.</summary>
public static class RetrievalOnlyAnswer
{
    public const string Heading = "No language model is available right now, so this is not a written answer. These are the most relevant passages in the library:";

    public const string NothingFound = "Nothing in the library matches this question.";

    public static string Compose(IReadOnlyList<Citation> passages, int maxPassages = 3, int maxChars = 400)
    {
        if (passages.Count == 0)
        {
            return NothingFound;
        }
        var text = new StringBuilder(Heading).AppendLine().AppendLine();
        foreach (var passage in passages.Take(maxPassages))
        {
            text.Append('[').Append(passage.Index).Append("] ").Append(passage.Title);
            if (passage.Section is { Length: > 0 } section) text.Append(" — ").Append(section);
            if (passage.Page is { } page) text.Append(" (page ").Append(page).Append(')');
            text.AppendLine(":");
            var excerpt = passage.Text.Length <= maxChars ? passage.Text : passage.Text[..maxChars].TrimEnd() + "…";
            text.Append("> ").AppendLine(excerpt.ReplaceLineEndings(" ")).AppendLine();
        }
        return text.ToString().TrimEnd();
    }
}
