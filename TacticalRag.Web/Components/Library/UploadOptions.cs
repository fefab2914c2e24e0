using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Web.Components.Library;

/// <summary>Section <c>Upload</c>: what the library page accepts before sending a file to the API.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Upload";

    /// <summary>Largest file read from the browser; the API's own limit (Ingestion:MaxFileBytes) is 25 MB too.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Files taken from one drop or selection; each is still sent in a request of its own.</summary>
    [Range(1, 1000)]
    public int MaxFilesAtOnce { get; set; } = 50;
}
