using TacticalRag.Api.Prompting;

namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>Picks a document's title from candidates in order of trust, falling back to the file name.</summary>
internal static class DocumentTitles
{
    private const int MaxTitleLength = 200;

    public static string Choose(string fileName, params string?[] candidates)
    {
        foreach (var candidate in candidates)
        {
            var clean = string.Join(' ', PromptText.CleanDocumentText(candidate ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (clean.Length > 0)
            {
                return clean.Length > MaxTitleLength ? clean[..MaxTitleLength] : clean;
            }
        }
        var name = Path.GetFileNameWithoutExtension(fileName);
        return string.IsNullOrWhiteSpace(name) ? "Untitled" : name;
    }
}
