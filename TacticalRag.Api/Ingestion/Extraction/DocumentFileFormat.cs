namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// The file formats the library ingests. (Not named DocumentFormat: the Open XML SDK owns the root namespace
/// <c>DocumentFormat</c>, which would hide a type of that name from every file outside this namespace.)
/// </summary>
public enum DocumentFileFormat { Text, Markdown, Pdf, Docx, Html }

/// <summary>A format recognised from a file's content, with the content type to store and report.</summary>
public sealed record DetectedFormat(DocumentFileFormat Format, string ContentType)
{
    public static readonly DetectedFormat Text = new(DocumentFileFormat.Text, "text/plain");
    public static readonly DetectedFormat Markdown = new(DocumentFileFormat.Markdown, "text/markdown");
    public static readonly DetectedFormat Pdf = new(DocumentFileFormat.Pdf, "application/pdf");
    public static readonly DetectedFormat Docx = new(
        DocumentFileFormat.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    public static readonly DetectedFormat Html = new(DocumentFileFormat.Html, "text/html");
}
