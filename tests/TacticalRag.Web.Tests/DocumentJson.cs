namespace TacticalRag.Web.Tests;

/// <summary><c>/api/documents</c> answers as the API writes them.</summary>
internal static class DocumentJson
{
    public static string Document(string id, string fileName, string status = "indexing", double progress = 0, int chunks = 3, string? error = null, string[]? languages = null) =>
        $$"""
        {"id":"{{id}}","title":"{{Path.GetFileNameWithoutExtension(fileName)}}","fileName":"{{fileName}}","contentType":"text/markdown","bytes":2048,
         "contentHash":"{{id}}ff","chunks":{{chunks}},"ingestedUtc":"2026-11-30T08:02:03Z","status":"{{status}}","progress":{{progress.ToString(System.Globalization.CultureInfo.InvariantCulture)}},
         "error":{{(error is null ? "null" : $"\"{error}\"")}}{{(languages is null ? "" : $",\"languages\":[{string.Join(",", languages.Select(l => $"\"{l}\""))}]")}}}
        """;

    public static string Uploaded(string documentJson) => Upload([documentJson], []);

    /// <summary>A 201 upload answer: each file's outcome, stored (a document) or rejected (<see cref="Rejected"/>).</summary>
    public static string Upload(string[] documents, string[] rejected) =>
        $$"""{"documents":[{{string.Join(",", documents)}}],"rejected":[{{string.Join(",", rejected)}}]}""";

    public static string Rejected(string fileName, int status, string title, string detail) =>
        $$"""{"fileName":"{{fileName}}","status":{{status}},"title":"{{title}}","detail":"{{detail}}"}""";

    public static string List(params string[] documents) => $"[{string.Join(",", documents)}]";
}
