namespace TacticalRag.Web.Tests;

/// <summary><c>/api/documents</c> answers as the API writes them.</summary>
internal static class DocumentJson
{
    public static string Document(string id, string fileName, string status = "indexing", double progress = 0, int chunks = 3, string? error = null) =>
        $$"""
        {"id":"{{id}}","title":"{{Path.GetFileNameWithoutExtension(fileName)}}","fileName":"{{fileName}}","contentType":"text/markdown","bytes":2048,
         "contentHash":"{{id}}ff","chunks":{{chunks}},"ingestedUtc":"2026-11-30T08:02:03Z","status":"{{status}}","progress":{{progress.ToString(System.Globalization.CultureInfo.InvariantCulture)}},
         "error":{{(error is null ? "null" : $"\"{error}\"")}}}
        """;

    public static string Uploaded(string documentJson) => $$"""{"documents":[{{documentJson}}]}""";

    public static string List(params string[] documents) => $"[{string.Join(",", documents)}]";
}
