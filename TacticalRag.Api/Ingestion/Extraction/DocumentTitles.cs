using TacticalRag.Api.Prompting;

namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// Picks a document's title from candidates in order of trust, falling back to the file name; whichever it is, it is
/// cleaned like document text (no chat-template tokens, no invisible or bidi control characters such as U+202E, which
/// would make <c>invoice&lt;U+202E&gt;fdp.txt</c> read as a PDF), its whitespace collapsed and cut to 200 characters.
/// </summary>
internal static class DocumentTitles
{
    private const int MaxTitleLength = 200;

    public static string Choose(string fileName, params string?[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (Clean(candidate) is { Length: > 0 } title)
            {
                return title;
            }
        }
        return Clean(Path.GetFileNameWithoutExtension(fileName)) is { Length: > 0 } name ? name : "Untitled";
    }

    private static string Clean(string? text)
    {
        var clean = string.Join(' ', PromptText.CleanDocumentText(text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return clean.Length > MaxTitleLength ? clean[..MaxTitleLength] : clean;
    }
}
