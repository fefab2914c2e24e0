namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>Whether text is a web page: it opens with a doctype or an html element, or with markup that has one soon after.</summary>
internal static class HtmlMarkers
{
    private const int LookAhead = 4096;

    public static bool LooksLikeHtml(string text)
    {
        var start = text.AsSpan().TrimStart();
        if (start.IsEmpty || start[0] != '<')
        {
            return false;
        }
        if (start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        // After an XML declaration or a comment, the html, head or body element still comes early.
        var head = start[..Math.Min(start.Length, LookAhead)];
        return head.Contains("<html", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<head", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<body", StringComparison.OrdinalIgnoreCase);
    }
}
