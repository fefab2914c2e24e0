using System.Text;

namespace TacticalRag.Api.Conversations;

/// <summary>
/// A conversation's title: its first question, one line and at most <see cref="MaxChars"/>, until its owner renames it.
/// A new title is refused when blank, too long, or holding control or text-direction characters (a line break or a
/// right-to-left override would break or disguise the list it is shown in).
/// </summary>
public static class ConversationTitle
{
    public const int MaxChars = 200;

    private const string Cut = "…";
    private const string Untitled = "Untitled conversation";

    /// <summary>The title a conversation is listed under.</summary>
    public static string Of(Conversation conversation) =>
        conversation.Title ?? FromQuestion(conversation.Turns.FirstOrDefault()?.Question);

    /// <summary>Title from a question: its whitespace and control characters folded into single spaces, cut to fit.</summary>
    public static string FromQuestion(string? question)
    {
        var line = new StringBuilder();
        foreach (var c in question ?? "")
        {
            var blank = char.IsWhiteSpace(c) || char.IsControl(c) || IsDirectionControl(c);
            if (!blank)
            {
                line.Append(c);
            }
            else if (line.Length > 0 && line[^1] != ' ')
            {
                line.Append(' ');
            }
        }
        var title = line.ToString().TrimEnd();
        if (title.Length == 0)
        {
            return Untitled;
        }
        return title.Length <= MaxChars ? title : title[..(MaxChars - Cut.Length)].TrimEnd() + Cut;
    }

    /// <summary>Why <paramref name="title"/> cannot be a title, or null when it can (after trimming).</summary>
    public static string? Problem(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return "The title is required and must not be blank.";
        }
        var trimmed = title.Trim();
        if (trimmed.Length > MaxChars)
        {
            return $"The title is {trimmed.Length} characters; the limit is {MaxChars}.";
        }
        var index = trimmed.ToList().FindIndex(c => char.IsControl(c) || IsDirectionControl(c));
        return index < 0
            ? null
            : $"The title holds a control character (U+{(int)trimmed[index]:X4} at position {index + 1}); use one line of plain text.";
    }

    /// <summary>Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).</summary>
    private static bool IsDirectionControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
